// Read models behind the public page's other views, each cached like the snapshot (view-cache.ts):
//   readIncidentView(id, now)      one incident or maintenance with its full timeline; null: unknown
//   readHistoryView(page, now)     incidents and maintenance grouped by month, HISTORY_MONTHS a page
//   readMonthlyUptimeView(now)     each showcased component's uptime per month, last 12 months, in page order
import "server-only";
import { db } from "../db";
import { toSnapshotIncident } from "./read-status-snapshot";
import type { SnapshotIncident } from "./status-snapshot-types";
import { fromComponentRollup, uptimeFraction, addSeconds, zeroSeconds, type StatusSeconds } from "../status/uptime";
import { cachedView, type CachedView } from "./view-cache";
import { componentsInPageOrder } from "../components/page-order";

export const HISTORY_MONTHS = 3;
const UPTIME_MONTHS = 12;

const include = {
  components: { select: { componentId: true } },
  updates: { orderBy: [{ displayAt: "desc" as const }, { createdAt: "desc" as const }] },
};

export type IncidentView = { incident: SnapshotIncident; components: { id: string; name: string }[] };

export function readIncidentView(id: string, now: Date): Promise<CachedView<IncidentView | null>> {
  return cachedView(`incident-${id}`, async () => {
    const row = await db().incident.findUnique({ where: { id }, include });
    if (!row) return null;
    const components = await db().component.findMany({ where: { id: { in: row.components.map((c) => c.componentId) } }, select: { id: true, name: true } });
    return { incident: toSnapshotIncident(row), components };
  }, { now });
}

export type HistoryMonth = { month: string; incidents: SnapshotIncident[] };
export type HistoryView = { page: number; months: HistoryMonth[]; hasOlder: boolean; pageName: string };

/** UTC month start `back` months before the month of `now`. */
function monthStart(now: Date, back: number): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
}

export function readHistoryView(page: number, now: Date): Promise<CachedView<HistoryView>> {
  return cachedView(`history-${page}`, async () => {
    const newest = monthStart(now, (page - 1) * HISTORY_MONTHS);
    const from = monthStart(now, page * HISTORY_MONTHS - 1);
    const until = new Date(Date.UTC(newest.getUTCFullYear(), newest.getUTCMonth() + 1, 1));
    const [rows, older, pageRow] = await Promise.all([
      db().incident.findMany({ where: { startedAt: { gte: from, lt: until } }, orderBy: [{ startedAt: "desc" }, { id: "desc" }], include }),
      db().incident.count({ where: { startedAt: { lt: from } } }),
      db().page.findUnique({ where: { id: "page" }, select: { name: true } }),
    ]);
    const months: HistoryMonth[] = Array.from({ length: HISTORY_MONTHS }, (_, i) => {
      const start = monthStart(now, (page - 1) * HISTORY_MONTHS + i);
      const key = start.toISOString().slice(0, 7);
      return { month: key, incidents: rows.filter((row) => row.startedAt.toISOString().slice(0, 7) === key).map(toSnapshotIncident) };
    });
    return { page, months, hasOlder: older > 0, pageName: pageRow?.name ?? "Status" };
  }, { now });
}

export type MonthlyUptimeView = {
  pageName: string;
  /** yyyy-mm, newest first. */
  months: string[];
  components: { id: string; name: string; uptime: (number | null)[] }[];
};

export function readMonthlyUptimeView(now: Date): Promise<CachedView<MonthlyUptimeView>> {
  return cachedView("uptime-monthly", async () => {
    const from = monthStart(now, UPTIME_MONTHS - 1);
    const [groups, showcased, rows, pageRow] = await Promise.all([
      db().componentGroup.findMany({ select: { id: true, name: true, position: true } }),
      db().component.findMany({ where: { showcase: true }, select: { id: true, name: true, position: true, groupId: true } }),
      db().componentRollup.findMany({ where: { granularity: "day", bucketStart: { gte: from } } }),
      db().page.findUnique({ where: { id: "page" }, select: { name: true } }),
    ]);
    // The home page's order, so a component is found where the visitor saw it.
    const components = componentsInPageOrder(groups, showcased);
    const months = Array.from({ length: UPTIME_MONTHS }, (_, i) => monthStart(now, i).toISOString().slice(0, 7));
    const sums = new Map<string, StatusSeconds>();
    for (const row of rows) {
      const key = `${row.componentId}|${row.bucketStart.toISOString().slice(0, 7)}`;
      sums.set(key, addSeconds(sums.get(key) ?? zeroSeconds(), fromComponentRollup(row)));
    }
    return {
      pageName: pageRow?.name ?? "Status",
      months,
      components: components.map((c) => ({ id: c.id, name: c.name, uptime: months.map((m) => uptimeFraction(sums.get(`${c.id}|${m}`) ?? {})) })),
    };
  }, { now });
}

