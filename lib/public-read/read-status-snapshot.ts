// Reads the status snapshot (status-snapshot-types.ts) from the database: a fixed number of
// queries whatever the page's size, run side by side. The view cache (view-cache.ts) calls this
// only when its copy is out of date, so a cached view makes no query at all.
import "server-only";
import { db } from "../db";
import { env, publicUrl } from "../env";
import type { Prisma } from "../generated/prisma/client";
import { readWorkerLiveness } from "../workers/heartbeats";
import { pageStatus } from "../status/component-rollup";
import { snapshotBrand } from "../page/brand";
import { readComponentUptime } from "./read-uptime";
import {
  LIST_CAP,
  type LatencyPoint,
  type SnapshotAffectedComponent,
  type SnapshotComponent,
  type SnapshotIncident,
  type StatusSnapshot,
} from "./status-snapshot-types";

const DAY_MS = 86_400_000;
export const OPEN_INCIDENT_STATUSES = ["investigating", "identified", "monitoring"] as const;
export const OPEN_MAINTENANCE_STATUSES = ["scheduled", "in_progress", "verifying"] as const;

const incidentInclude = {
  components: { select: { componentId: true } },
  updates: { orderBy: [{ displayAt: "desc" }, { createdAt: "desc" }] },
} satisfies Prisma.IncidentInclude;
type IncidentRow = Prisma.IncidentGetPayload<{ include: typeof incidentInclude }>;

export async function readStatusSnapshot(now: Date): Promise<StatusSnapshot> {
  const config = env();
  const since90 = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS - 89 * DAY_MS);
  const [page, groups, components, incidents, openIncidents, maintenances, openMaintenances, barIncidents, liveness] =
    await Promise.all([
      db().page.findUnique({ where: { id: "page" } }),
      db().componentGroup.findMany({ orderBy: [{ position: "asc" }, { name: "asc" }] }),
      db().component.findMany({ orderBy: [{ position: "asc" }, { name: "asc" }] }),
      db().incident.findMany({ where: { kind: "incident" }, orderBy: [{ startedAt: "desc" }, { id: "desc" }], take: LIST_CAP, include: incidentInclude }),
      // Open incidents with what they impose on their components: the page indicator needs it.
      db().incident.findMany({ where: { kind: "incident", status: { in: [...OPEN_INCIDENT_STATUSES] } }, include: { ...incidentInclude, components: { select: { componentId: true, status: true } } } }),
      db().incident.findMany({ where: { kind: "maintenance" }, orderBy: [{ scheduledFor: "desc" }, { id: "desc" }], take: LIST_CAP, include: incidentInclude }),
      db().incident.findMany({ where: { kind: "maintenance", status: { in: [...OPEN_MAINTENANCE_STATUSES] } }, include: incidentInclude }),
      // For the bars' "incidents that day": anything open at some point of the last 90 days.
      db().incident.findMany({
        where: { kind: "incident", startedAt: { lte: now }, OR: [{ resolvedAt: null }, { resolvedAt: { gte: since90 } }] },
        select: { id: true, name: true, startedAt: true, resolvedAt: true, components: { select: { componentId: true } } },
      }),
      readWorkerLiveness(now, config.WORKER_HEARTBEAT_SECONDS),
    ]);
  const [uptime, latency] = await Promise.all([
    readComponentUptime(
      components.map((c) => c.id),
      now,
    ),
    readLatency(
      components.map((c) => c.id),
      now,
    ),
  ]);
  const uptimeById = new Map(uptime.map((entry) => [entry.componentId, entry]));

  const snapshotComponents: SnapshotComponent[] = components.map((component) => {
    const figures = uptimeById.get(component.id);
    return {
      id: component.id,
      name: component.name,
      description: component.description,
      status: component.status,
      statusChangedAt: component.statusChangedAt.toISOString(),
      position: component.position,
      groupId: component.groupId,
      showcase: component.showcase,
      onlyShowIfDegraded: component.onlyShowIfDegraded,
      startDate: component.startDate ? component.startDate.toISOString().slice(0, 10) : null,
      latencyHourly: latency.hourly.get(component.id) ?? [],
      latencyDaily: latency.daily.get(component.id) ?? [],
      createdAt: component.createdAt.toISOString(),
      updatedAt: component.updatedAt.toISOString(),
      uptime: {
        "24h": figures?.figures["24h"].uptime ?? null,
        "7d": figures?.figures["7d"].uptime ?? null,
        "30d": figures?.figures["30d"].uptime ?? null,
        "90d": figures?.figures["90d"].uptime ?? null,
      },
      days: (figures?.days ?? []).map((bar) => {
        const start = bar.day.getTime();
        const end = start + DAY_MS;
        return {
          day: bar.day.toISOString(),
          worstStatus: bar.worstStatus,
          uptime: bar.uptime,
          incidents: barIncidents
            .filter(
              (incident) =>
                incident.components.some((link) => link.componentId === component.id) &&
                incident.startedAt.getTime() < end &&
                (incident.resolvedAt ?? now).getTime() >= start,
            )
            .map(({ id, name }) => ({ id, name })),
        };
      }),
    };
  });

  const freshest = liveness.reduce<Date | null>((best, region) => (!best || region.lastSeenAt > best ? region.lastSeenAt : best), null);
  const openImpacts = openIncidents.map((incident) => ({ impact: incident.impact, status: incident.status, componentStatuses: incident.components.map((c) => c.status) }));
  return {
    generatedAt: now.toISOString(),
    page: {
      id: page?.id ?? "page",
      name: page?.name ?? "Status",
      url: (page?.url ?? publicUrl()).replace(/\/$/, ""),
      timeZone: page?.timeZone ?? "Etc/UTC",
      updatedAt: lastPublicChange(page?.updatedAt ?? null, groups, components, [...openIncidents, ...incidents, ...openMaintenances, ...maintenances], now),
      brand: snapshotBrand(page),
    },
    status: pageStatus(
      components.map((c) => c.status),
      openImpacts,
    ),
    groups: groups.map((group) => ({
      id: group.id,
      name: group.name,
      description: group.description,
      position: group.position,
      createdAt: group.createdAt.toISOString(),
      updatedAt: group.updatedAt.toISOString(),
    })),
    components: snapshotComponents,
    incidents: mergeNewestFirst(openIncidents, incidents, (i) => i.startedAt).map(toSnapshotIncident),
    maintenances: mergeNewestFirst(openMaintenances, maintenances, (i) => i.scheduledFor ?? i.startedAt).map(toSnapshotIncident),
    worker: { lastHeartbeatAt: freshest?.toISOString() ?? null, staleAfterSeconds: 3 * config.WORKER_HEARTBEAT_SECONDS },
  };
}

/**
 * When anything the page shows last changed — its settings, a group, a component, an incident or
 * maintenance, one of their updates — so Statuspage clients polling `page.updated_at` see it move.
 * A page never written to (no row yet) is as new as this read.
 */
function lastPublicChange(page: Date | null, groups: { updatedAt: Date }[], components: { updatedAt: Date }[], incidents: IncidentRow[], now: Date): string {
  const times = [
    page ?? now,
    ...groups.map((g) => g.updatedAt),
    ...components.map((c) => c.updatedAt),
    ...incidents.flatMap((incident) => [incident.updatedAt, ...incident.updates.map((u) => u.updatedAt)]),
  ];
  return new Date(Math.max(...times.map((time) => time.getTime()))).toISOString();
}

/** Open ones and the newest ones, each once, newest first. */
function mergeNewestFirst(open: IncidentRow[], newest: IncidentRow[], at: (row: IncidentRow) => Date): IncidentRow[] {
  const byId = new Map<string, IncidentRow>();
  for (const row of [...open, ...newest]) byId.set(row.id, row);
  return [...byId.values()].sort((a, b) => at(b).getTime() - at(a).getTime() || (a.id < b.id ? 1 : -1));
}

/** Incidents by id, whether or not the snapshot's lists still hold them (subscriber webhooks). */
export async function readSnapshotIncidents(ids: readonly string[]): Promise<SnapshotIncident[]> {
  if (ids.length === 0) return [];
  const rows = await db().incident.findMany({ where: { id: { in: [...new Set(ids)] } }, include: incidentInclude });
  return rows.map(toSnapshotIncident);
}

const iso = (date: Date | null) => date?.toISOString() ?? null;

export function toSnapshotIncident(row: IncidentRow): SnapshotIncident {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    status: row.status,
    impact: row.impact,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    startedAt: row.startedAt.toISOString(),
    identifiedAt: iso(row.identifiedAt),
    monitoringAt: iso(row.monitoringAt),
    resolvedAt: iso(row.resolvedAt),
    scheduledFor: iso(row.scheduledFor),
    scheduledUntil: iso(row.scheduledUntil),
    postmortemBody: row.postmortemPublishedAt ? row.postmortemBody : null,
    postmortemPublishedAt: iso(row.postmortemPublishedAt),
    componentIds: row.components.map((link) => link.componentId),
    updates: row.updates.map((update) => ({
      id: update.id,
      incidentId: update.incidentId,
      status: update.status,
      body: update.body,
      notify: update.notify,
      automatic: update.automatic,
      affectedComponents: parseAffected(update.affectedComponents),
      displayAt: update.displayAt.toISOString(),
      createdAt: update.createdAt.toISOString(),
      updatedAt: update.updatedAt.toISOString(),
    })),
  };
}

/** IncidentUpdate.affectedComponents as written by write-update.ts; anything else is dropped. */
function parseAffected(value: Prisma.JsonValue): SnapshotAffectedComponent[] | null {
  if (!Array.isArray(value)) return null;
  return value.flatMap((entry) => {
    const item = entry as Partial<SnapshotAffectedComponent> | null;
    return item && typeof item.componentId === "string" && typeof item.name === "string" && item.oldStatus && item.newStatus
      ? [{ componentId: item.componentId, name: item.name, oldStatus: item.oldStatus, newStatus: item.newStatus }]
      : [];
  });
}

type LatencyRow = { componentId: string; granularity: "hour" | "day"; bucketStart: Date; avgMs: number; maxMs: number | null };

/**
 * Hourly averages for 7 days and daily ones for 30 per component, from the component rollups
 * (roll-up-uptime.ts weighs its enabled monitors by their check counts): a page of 40 components
 * fed by 10,000 monitors reads and draws 40 series of ≤ 168 points, not 10,000.
 */
async function readLatency(componentIds: string[], now: Date): Promise<{ hourly: Map<string, LatencyPoint[]>; daily: Map<string, LatencyPoint[]> }> {
  if (componentIds.length === 0) return { hourly: new Map(), daily: new Map() };
  const rows = await db().$queryRaw<LatencyRow[]>`
    SELECT "componentId", granularity::text AS granularity, "bucketStart",
           ("latencySumMs" / "latencyCount")::int AS "avgMs", "latencyMaxMs" AS "maxMs"
    FROM "ComponentRollup"
    WHERE "componentId" = ANY(${componentIds}) AND "latencyCount" > 0
      AND ((granularity = 'hour' AND "bucketStart" >= ${new Date(now.getTime() - 7 * DAY_MS)})
        OR (granularity = 'day' AND "bucketStart" >= ${new Date(now.getTime() - 30 * DAY_MS)}))
    ORDER BY "bucketStart"`;
  const hourly = new Map<string, LatencyPoint[]>();
  const daily = new Map<string, LatencyPoint[]>();
  for (const row of rows) {
    const target = row.granularity === "hour" ? hourly : daily;
    const point = { at: row.bucketStart.toISOString(), avgMs: row.avgMs, maxMs: row.maxMs };
    const list = target.get(row.componentId);
    if (list) list.push(point);
    else target.set(row.componentId, [point]);
  }
  return { hourly, daily };
}
