// Applies a validated vigil.config.yaml to the database, in one transaction:
// - every group, component and monitor in the file is created or updated (matched by id) and
//   marked managedByConfig — an existing object with that id is adopted, so applying an exported
//   file takes over what the console made;
// - managed objects the file no longer lists are deleted (as Statuspage's and Gatus's config users
//   expect); objects the console made and the file never named are left alone;
// - the page's name, URL and time zone are set when the file has `page`, and each branding setting
//   (description, links, colours, custom CSS) the page section names (lib/page/page-settings.ts);
// - alert channels and rules are synced when the file has `alerts` (their `${ENV}` references
//   resolved and destinations judged by the SSRF guard before the transaction: a bad channel
//   changes nothing);
// - the roles that must use a second factor are set when the file has `auth`;
// - one audit entry records what changed (channel names, never a secret).
// Status, state and history (component status, monitor state, results) are never touched here.
import "server-only";
import { syncAlertConfig, type AlertChannelCounts } from "../alerts/alert-config-store";
import { defineChannel } from "../alerts/channel-definition";
import { alertTargetPolicy } from "../alerts/destination";
import { alertSecretKey } from "../alerts/secret-box";
import type { Action, SystemActor } from "../action-context";
import { recordAdminAudit } from "../audit/record-audit";
import { setSecondFactorRoles } from "../auth/second-factor/policy";
import { referencedSecret } from "../env";
import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { writePageSettings } from "../page/page-settings";
import { canonicalJson } from "./canonical-json";
import { flattenConfig, type FlatComponent, type FlatGroup, type FlatMonitor } from "./flatten-config";
import type { VigilConfig } from "./schemas";

export type ChangeCounts = { created: number; updated: number; removed: number; unchanged: number };
export type ConfigApplySummary = {
  page: "created" | "updated" | "unchanged" | "not in file";
  groups: ChangeCounts;
  components: ChangeCounts;
  monitors: ChangeCounts;
  alerts: { channels: AlertChannelCounts; rules: number } | "not in file";
  /** Present when the file has `auth`. */
  auth?: "updated" | "unchanged";
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

/** Who applies a config file, in the audit log (the launcher at start, or `npm run config -- apply`). */
export const CONFIG_FILE_ACTOR: SystemActor = { system: "config file" };

/** A parsed config file, and where it came from (the audit entry names both). */
export type ConfigToApply = { config: VigilConfig; source: string; sha256: string };

export async function applyConfig({ ctx, input: { config, source, sha256 } }: Action<ConfigToApply, SystemActor>): Promise<ConfigApplySummary> {
  const flat = flattenConfig(config);
  const alerts = config.alerts ? await prepareAlerts(config.alerts) : null;
  return db().$transaction(
    async (tx) => {
      // Two instances starting with the same file apply it one after the other, not interleaved.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('vigil:config'))`;
      const page = config.page ? await applyPage(tx, config.page) : "not in file";
      const tables = configTables(tx);
      const groups = await sync(tables.groups, flat.groups, groupChanged);
      const components = await sync(tables.components, flat.components, componentChanged);
      const monitors = await sync(tables.monitors, flat.monitors, monitorChanged);
      // Removal runs after every upsert, so an object moved to another parent is never orphaned.
      monitors.removed = await removeUnlisted(tables.monitors, flat.monitors);
      components.removed = await removeUnlisted(tables.components, flat.components);
      groups.removed = await removeUnlisted(tables.groups, flat.groups);

      const synced = alerts && config.alerts ? await syncAlertConfig(tx, alerts.definitions, config.alerts.rules, alerts.key) : null;
      const auth = config.auth ? ((await setSecondFactorRoles(tx, config.auth.requireSecondFactor)) ? "updated" : "unchanged") : undefined;
      const summary: ConfigApplySummary = {
        page,
        groups: counts(groups),
        components: counts(components),
        monitors: counts(monitors),
        alerts: synced ? { channels: synced.channels, rules: synced.rules } : "not in file",
        ...(auth ? { auth } : {}),
      };
      const ids = (changes: Changes) => ({
        created: changes.created.slice(0, AUDIT_IDS),
        updated: changes.updated.slice(0, AUDIT_IDS),
        removed: changes.removed.slice(0, AUDIT_IDS),
      });
      await recordAdminAudit(tx, ctx.actor, {
        action: "config.apply",
        objectType: "config",
        objectId: null,
        details: {
          source,
          sha256,
          summary,
          groups: ids(groups),
          components: ids(components),
          monitors: ids(monitors),
          ...(synced ? { alertChannels: synced.names } : {}),
        },
      });
      return summary;
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}

/** Channels resolved (`${ENV}` references) and judged (SSRF guard) before anything is written. */
async function prepareAlerts(alerts: NonNullable<VigilConfig["alerts"]>) {
  const policy = await alertTargetPolicy();
  const definitions = await Promise.all(alerts.channels.map((channel) => defineChannel(channel, referencedSecret, policy)));
  return { definitions, key: await alertSecretKey() };
}

async function applyPage(tx: Prisma.TransactionClient, page: NonNullable<VigilConfig["page"]>): Promise<ConfigApplySummary["page"]> {
  const { before, changed } = await writePageSettings(tx, { ...page, url: page.url ?? null });
  if (before.updatedAt === null) return "created";
  return changed.length > 0 ? "updated" : "unchanged";
}

// The three tables share one shape of sync; each is seen through the same five operations.
type Managed<Wanted> = Wanted & { managedByConfig: true };
type Table<Row, Wanted> = {
  find(ids: string[]): Promise<Row[]>;
  update(id: string, data: Managed<Wanted>): Promise<unknown>;
  create(data: Managed<Wanted>[]): Promise<unknown>;
  managedIdsExcept(ids: string[]): Promise<{ id: string }[]>;
  remove(ids: string[]): Promise<unknown>;
};

function configTables(tx: Prisma.TransactionClient) {
  const managedExcept = (ids: string[]) => ({ where: { managedByConfig: true, id: { notIn: ids } }, select: { id: true } });
  const groups: Table<GroupRow, FlatGroup> = {
    find: (ids) => tx.componentGroup.findMany({ where: { id: { in: ids } } }),
    update: (id, data) => tx.componentGroup.update({ where: { id }, data }),
    create: (data) => tx.componentGroup.createMany({ data }),
    managedIdsExcept: (ids) => tx.componentGroup.findMany(managedExcept(ids)),
    remove: (ids) => tx.componentGroup.deleteMany({ where: { id: { in: ids } } }),
  };
  const components: Table<ComponentRow, FlatComponent> = {
    find: (ids) => tx.component.findMany({ where: { id: { in: ids } } }),
    update: (id, data) => tx.component.update({ where: { id }, data }),
    create: (data) => tx.component.createMany({ data }),
    managedIdsExcept: (ids) => tx.component.findMany(managedExcept(ids)),
    remove: (ids) => tx.component.deleteMany({ where: { id: { in: ids } } }),
  };
  const monitors: Table<MonitorRow, FlatMonitor> = {
    find: (ids) => tx.monitor.findMany({ where: { id: { in: ids } } }),
    update: (id, data) => tx.monitor.update({ where: { id }, data }),
    create: (data) => tx.monitor.createMany({ data }),
    managedIdsExcept: (ids) => tx.monitor.findMany(managedExcept(ids)),
    remove: (ids) => tx.monitor.deleteMany({ where: { id: { in: ids } } }),
  };
  return { groups, components, monitors };
}

async function sync<Row extends { id: string; managedByConfig: boolean }, Wanted extends { id: string }>(
  table: Table<Row, Wanted>,
  wanted: Wanted[],
  changed: (row: Row, wanted: Wanted) => boolean,
): Promise<Changes> {
  const existing = new Map<string, Row>();
  // In chunks: a 10,000-monitor file would otherwise be one statement with 10,000 parameters.
  for (let i = 0; i < wanted.length; i += 1000) {
    for (const row of await table.find(wanted.slice(i, i + 1000).map((item) => item.id))) existing.set(row.id, row);
  }
  const changes: Changes = { created: [], updated: [], removed: [], unchanged: 0 };
  const fresh: Managed<Wanted>[] = [];
  for (const item of wanted) {
    const row = existing.get(item.id);
    if (!row) {
      fresh.push({ ...item, managedByConfig: true });
      changes.created.push(item.id);
    } else if (!row.managedByConfig || changed(row, item)) {
      await table.update(item.id, { ...item, managedByConfig: true });
      changes.updated.push(item.id);
    } else {
      changes.unchanged += 1;
    }
  }
  for (let i = 0; i < fresh.length; i += 1000) await table.create(fresh.slice(i, i + 1000));
  return changes;
}

async function removeUnlisted<Row, Wanted extends { id: string }>(table: Table<Row, Wanted>, wanted: Wanted[]): Promise<string[]> {
  const ids = (await table.managedIdsExcept(wanted.map((item) => item.id))).map((row) => row.id);
  for (let i = 0; i < ids.length; i += 1000) await table.remove(ids.slice(i, i + 1000));
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
