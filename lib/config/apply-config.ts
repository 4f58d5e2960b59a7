// Applies a validated vigil.config.yaml to the database, in one transaction:
// - every group, component and monitor in the file is created or updated (matched by id) and
//   marked managedByConfig — an existing object with that id is adopted, so applying an exported
//   file takes over what the console made;
// - managed objects the file no longer lists are deleted (as Statuspage's and Gatus's config users
//   expect); objects the console made and the file never named are left alone;
// - the page's name, URL and time zone are set when the file has `page`;
// - one audit entry records what changed.
// Status, state and history (component status, monitor state, results) are never touched here.
import "server-only";
import { recordAudit } from "../audit/record-audit";
import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { flattenConfig, type FlatComponent, type FlatGroup, type FlatMonitor } from "./flatten-config";
import type { VigilConfig } from "./schemas";

export type ChangeCounts = { created: number; updated: number; removed: number; unchanged: number };
export type ConfigApplySummary = {
  page: "created" | "updated" | "unchanged" | "not in file";
  groups: ChangeCounts;
  components: ChangeCounts;
  monitors: ChangeCounts;
};

type Changes = { created: string[]; updated: string[]; removed: string[]; unchanged: number };
const counts = (changes: Changes): ChangeCounts => ({
  created: changes.created.length,
  updated: changes.updated.length,
  removed: changes.removed.length,
  unchanged: changes.unchanged,
});

/** At most this many ids per list in the audit entry (a 10,000-monitor first apply stays a small row). */
const AUDIT_IDS = 100;

export async function applyConfig(config: VigilConfig, options: { source: string; sha256: string }): Promise<ConfigApplySummary> {
  const flat = flattenConfig(config);
  return db().$transaction(
    async (tx) => {
      // Two instances starting with the same file apply it one after the other, not interleaved.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('vigil:config'))`;
      const page = config.page ? await applyPage(tx, config.page) : "not in file";
      const groups = await sync(tx.componentGroup, flat.groups, groupChanged, (group) => group);
      const components = await sync(tx.component, flat.components, componentChanged, (component) => component);
      const monitors = await sync(tx.monitor, flat.monitors, monitorChanged, (monitor) => monitor);
      // Removal runs after every upsert, so an object moved to another parent is never orphaned.
      monitors.removed = await removeUnlisted(tx.monitor, flat.monitors);
      components.removed = await removeUnlisted(tx.component, flat.components);
      groups.removed = await removeUnlisted(tx.componentGroup, flat.groups);

      const summary: ConfigApplySummary = { page, groups: counts(groups), components: counts(components), monitors: counts(monitors) };
      const ids = (changes: Changes) => ({
        created: changes.created.slice(0, AUDIT_IDS),
        updated: changes.updated.slice(0, AUDIT_IDS),
        removed: changes.removed.slice(0, AUDIT_IDS),
      });
      await recordAudit(tx, {
        actorLabel: "config file",
        action: "config.apply",
        objectType: "config",
        objectId: null,
        details: { source: options.source, sha256: options.sha256, summary, groups: ids(groups), components: ids(components), monitors: ids(monitors) },
      });
      return summary;
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}

async function applyPage(tx: Prisma.TransactionClient, page: NonNullable<VigilConfig["page"]>): Promise<ConfigApplySummary["page"]> {
  const data = { name: page.name, url: page.url ?? null, timeZone: page.timeZone };
  const existing = await tx.page.findUnique({ where: { id: "page" } });
  if (!existing) {
    await tx.page.create({ data: { id: "page", ...data } });
    return "created";
  }
  if (existing.name === data.name && existing.url === data.url && existing.timeZone === data.timeZone) return "unchanged";
  await tx.page.update({ where: { id: "page" }, data });
  return "updated";
}

// The three tables share one shape of sync; Prisma's delegates differ in types only.
type Delegate<Row> = {
  findMany(args: { where: { id: { in: string[] } } }): Promise<Row[]>;
  createMany(args: { data: never[] }): Promise<unknown>;
  update(args: { where: { id: string }; data: never }): Promise<unknown>;
  findMany(args: { where: { managedByConfig: true; id: { notIn: string[] } }; select: { id: true } }): Promise<{ id: string }[]>;
  deleteMany(args: { where: { id: { in: string[] } } }): Promise<unknown>;
};

async function sync<Row extends { id: string; managedByConfig: boolean }, Wanted extends { id: string }>(
  delegate: unknown,
  wanted: Wanted[],
  changed: (row: Row, wanted: Wanted) => boolean,
  toData: (wanted: Wanted) => object,
): Promise<Changes> {
  const table = delegate as Delegate<Row>;
  const existing = new Map<string, Row>();
  // In chunks: a 10,000-monitor file would otherwise be one statement with 10,000 parameters.
  for (let i = 0; i < wanted.length; i += 1000) {
    const rows = await table.findMany({ where: { id: { in: wanted.slice(i, i + 1000).map((item) => item.id) } } });
    for (const row of rows) existing.set(row.id, row);
  }
  const changes: Changes = { created: [], updated: [], removed: [], unchanged: 0 };
  const fresh: object[] = [];
  for (const item of wanted) {
    const row = existing.get(item.id);
    if (!row) {
      fresh.push({ ...toData(item), managedByConfig: true });
      changes.created.push(item.id);
    } else if (!row.managedByConfig || changed(row, item)) {
      await table.update({ where: { id: item.id }, data: { ...toData(item), managedByConfig: true } as never });
      changes.updated.push(item.id);
    } else {
      changes.unchanged += 1;
    }
  }
  for (let i = 0; i < fresh.length; i += 1000) await table.createMany({ data: fresh.slice(i, i + 1000) as never[] });
  return changes;
}

async function removeUnlisted(delegate: unknown, wanted: { id: string }[]): Promise<string[]> {
  const table = delegate as Delegate<{ id: string }>;
  const gone = await table.findMany({ where: { managedByConfig: true, id: { notIn: wanted.map((item) => item.id) } }, select: { id: true } });
  const ids = gone.map((row) => row.id);
  for (let i = 0; i < ids.length; i += 1000) await table.deleteMany({ where: { id: { in: ids.slice(i, i + 1000) } } });
  return ids;
}

type GroupRow = { id: string; name: string; description: string | null; position: number; managedByConfig: boolean };
function groupChanged(row: GroupRow, group: FlatGroup): boolean {
  return row.name !== group.name || row.description !== group.description || row.position !== group.position;
}

type ComponentRow = GroupRow & { groupId: string | null; showcase: boolean; onlyShowIfDegraded: boolean; startDate: Date | null };
function componentChanged(row: ComponentRow, component: FlatComponent): boolean {
  return (
    groupChanged(row, component) ||
    row.groupId !== component.groupId ||
    row.showcase !== component.showcase ||
    row.onlyShowIfDegraded !== component.onlyShowIfDegraded ||
    (row.startDate?.getTime() ?? null) !== (component.startDate?.getTime() ?? null)
  );
}

type MonitorRow = Omit<FlatMonitor, "expectations"> & { expectations: unknown; managedByConfig: boolean };
function monitorChanged(row: MonitorRow, monitor: FlatMonitor): boolean {
  const keys = ["name", "publicDescription", "kind", "target", "componentId", "intervalSeconds", "timeoutMs", "quorum", "failureThreshold", "recoveryThreshold", "enabled"] as const;
  return (
    keys.some((key) => row[key] !== monitor[key]) ||
    row.regions.join("\n") !== monitor.regions.join("\n") ||
    canonicalJson(row.expectations) !== canonicalJson(monitor.expectations)
  );
}

/** JSON with sorted keys: jsonb does not keep key order, so compare meaning, not spelling. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_, item: unknown) =>
    item && typeof item === "object" && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );
}
