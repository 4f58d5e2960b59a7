// Read model of uptime: each component's 24 h / 7 d / 30 d / 90 d figures and its 90 daily bars,
// from the hourly and daily rollups that roll-up-uptime.ts keeps (ComponentRollup). Two queries for
// any number of components, run side by side — the page shows them all, so a query per component
// would grow with the page:
//   - the 24 hourly buckets, summed by Postgres (one row per component);
//   - the 90 daily buckets, which the bars need one by one and the 7 / 30 / 90 day figures add up.
// The windows are uptimeFigures' (the current UTC hour and the 23 before it; today and the 6 / 29 /
// 89 days before it), the formula is uptimeFraction's and the bars are dailyBars' (uptime.ts).
//
//   readComponentUptime(componentIds, now): ComponentUptime[]   one entry per distinct id, in order
import "server-only";
import { db } from "../db";
import {
  dailyBars,
  fromComponentRollup,
  uptimeFraction,
  utcDayStarts,
  utcHourStarts,
  zeroSeconds,
  type ComponentRollupColumns,
  type DailyBar,
  type StatusBucket,
  type StatusSeconds,
  type UptimeFigure,
  type UptimeWindow,
} from "../status/uptime";

const FIGURE_HOURS = 24;
const FIGURE_DAYS = { "7d": 7, "30d": 30, "90d": 90 } as const;
const BAR_DAYS = 90;
const HOUR_MS = 3_600_000;

export type ComponentUptime = {
  componentId: string;
  /** uptime is null where nothing was measured (shown as "—", never as 100 %). */
  figures: Record<UptimeWindow, UptimeFigure>;
  /** 90 bars, oldest first, ending with today (UTC days, as the rollups are cut). */
  days: DailyBar[];
};

/**
 * Uptime of the given components as of `now`. Ids without rollups (a new component, or one that
 * does not exist) get figures of null and bars without a status: no record is not 100 %.
 */
export async function readComponentUptime(componentIds: readonly string[], now: Date): Promise<ComponentUptime[]> {
  const ids = [...new Set(componentIds)];
  if (ids.length === 0) return [];
  const dayStarts = utcDayStarts(now, BAR_DAYS);
  const [lastDay, daily] = await Promise.all([readLastDaySums(ids, now), readDailyBuckets(ids, dayStarts)]);
  return ids.map((componentId) => {
    const days = daily.get(componentId) ?? [];
    // dayStarts holds 90 days, so each window's first day is there.
    const lastDays = (count: number) => figureOf(sumSince(days, dayStarts.at(-count) ?? now));
    return {
      componentId,
      figures: {
        "24h": figureOf(lastDay.get(componentId) ?? zeroSeconds()),
        "7d": lastDays(FIGURE_DAYS["7d"]),
        "30d": lastDays(FIGURE_DAYS["30d"]),
        "90d": lastDays(FIGURE_DAYS["90d"]),
      },
      days: dailyBars(days, dayStarts),
    };
  });
}

function figureOf(seconds: StatusSeconds): UptimeFigure {
  return { uptime: uptimeFraction(seconds), seconds };
}

type SumRow = ComponentRollupColumns & { componentId: string };

/** Seconds per status over the last 24 hourly buckets, per component that has any. */
async function readLastDaySums(ids: readonly string[], now: Date): Promise<Map<string, StatusSeconds>> {
  const { first, last } = spanOf(utcHourStarts(now, FIGURE_HOURS));
  // sum() of int is bigint; 24 hours of seconds are far below 2³¹.
  const rows = await db().$queryRaw<SumRow[]>`
    SELECT "componentId",
           sum("operationalSeconds")::int AS "operationalSeconds", sum("degradedSeconds")::int AS "degradedSeconds",
           sum("partialOutageSeconds")::int AS "partialOutageSeconds", sum("majorOutageSeconds")::int AS "majorOutageSeconds",
           sum("maintenanceSeconds")::int AS "maintenanceSeconds", sum("unknownSeconds")::int AS "unknownSeconds"
    FROM "ComponentRollup"
    WHERE "componentId" = ANY(${ids}) AND granularity = 'hour' AND "bucketStart" BETWEEN ${first} AND ${last}
    GROUP BY "componentId"`;
  return new Map(rows.map((row) => [row.componentId, fromComponentRollup(row)]));
}

/**
 * The daily buckets starting at or after `since` (day buckets start at UTC midnight, so this is
 * uptimeFigures' "today and the n − 1 days before it"), added up in place: this runs for 3 windows
 * × 90 days × every component on each read, so no copy per bucket and no keyed property access.
 */
function sumSince(buckets: readonly StatusBucket[], since: Date): StatusSeconds {
  const from = since.getTime();
  const total = zeroSeconds();
  for (const { bucketStart, seconds } of buckets) {
    if (bucketStart.getTime() < from) continue;
    total.operational += seconds.operational ?? 0;
    total.degraded_performance += seconds.degraded_performance ?? 0;
    total.partial_outage += seconds.partial_outage ?? 0;
    total.major_outage += seconds.major_outage ?? 0;
    total.under_maintenance += seconds.under_maintenance ?? 0;
    total.unknown += seconds.unknown ?? 0;
  }
  return total;
}

/** A daily bucket as read: its start in whole hours since the epoch (see below). */
type DailyRow = ComponentRollupColumns & { componentId: string; startHour: number };

/**
 * The 90 days' buckets. 100 components are 9,000 rows, and mapping and date parsing are most of
 * the read's time: raw SQL, and the bucket start as an int (hours since the epoch, exact for day
 * buckets) rather than a timestamp.
 */
async function readDailyBuckets(ids: readonly string[], dayStarts: readonly Date[]): Promise<Map<string, StatusBucket[]>> {
  const { first, last } = spanOf(dayStarts);
  const rows = await db().$queryRaw<DailyRow[]>`
    SELECT "componentId", (extract(epoch FROM "bucketStart") / 3600)::int AS "startHour",
           "operationalSeconds", "degradedSeconds", "partialOutageSeconds", "majorOutageSeconds", "maintenanceSeconds", "unknownSeconds"
    FROM "ComponentRollup"
    WHERE "componentId" = ANY(${ids}) AND granularity = 'day' AND "bucketStart" BETWEEN ${first} AND ${last}`;
  const buckets = new Map<string, StatusBucket[]>();
  for (const row of rows) {
    const bucket: StatusBucket = { bucketStart: new Date(row.startHour * HOUR_MS), seconds: fromComponentRollup(row) };
    const list = buckets.get(row.componentId);
    if (list) list.push(bucket);
    else buckets.set(row.componentId, [bucket]);
  }
  return buckets;
}

/** The first and last bucket start of a window (the starts are oldest first). */
function spanOf(starts: readonly Date[]): { first: Date; last: Date } {
  const first = starts[0];
  const last = starts.at(-1);
  if (!first || !last) throw new Error("an uptime window has at least one bucket");
  return { first, last };
}
