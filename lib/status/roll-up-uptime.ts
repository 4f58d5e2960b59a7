// Hourly and daily uptime rollups, kept in Postgres so the page reads 90 days from ≤ 90 rows per
// component. Component buckets come from the status history (ComponentStatusChange); monitor
// buckets from the state history and the check results (counts, latency). Both are recomputed
// (upserted) for the current bucket, and for the finished ones until they are settled (isSettled),
// so running twice is harmless, a late result still lands in its bucket, and the hours a stopped
// worker missed are filled in when it is back. A row whose figures did not change is not written:
// no dead row version to vacuum, and for components no notification that would empty the page's
// caches.
import "server-only";
import { db } from "../db";
import { Prisma } from "../generated/prisma/client";
import type { ComponentStatus, MonitorState, RollupGranularity } from "../generated/prisma/enums";
import { componentSecondsPerStatus, toComponentRollupColumns, type TimelineStatus } from "./uptime";

const BUCKET_MS: Record<RollupGranularity, number> = { hour: 3_600_000, day: 86_400_000 };

const COMPONENT_SECONDS = ["operationalSeconds", "degradedSeconds", "partialOutageSeconds", "majorOutageSeconds", "maintenanceSeconds", "unknownSeconds"];
const MONITOR_SECONDS = ["upSeconds", "degradedSeconds", "downSeconds", "unknownSeconds"];
const LATENCY = ["latencySumMs", "latencyCount", "latencyMaxMs"];
const MONITOR_CHECKS = ["checks", "upChecks", "degradedChecks", "downChecks", ...LATENCY];

export function bucketStartOf(time: Date, granularity: RollupGranularity): Date {
  return new Date(Math.floor(time.getTime() / BUCKET_MS[granularity]) * BUCKET_MS[granularity]);
}

/**
 * A finished bucket is recomputed this long after its end, for the results and state changes
 * written a moment after their time (a batch, a slow check), and later only if it is incomplete.
 */
const LATE_WRITES_MS = 10 * 60_000;

/**
 * How many finished buckets back a rollup looks for unsettled ones. Hours: the last day's, whose raw
 * results are always there (RESULT_RETENTION_DAYS is at least 1 and the disk cap never prunes
 * within a day), so a worker stopped for a few hours leaves no hour behind. Days: a week, rebuilt
 * from the status history and the hour rows (kept 14 days).
 */
const CATCH_UP_BUCKETS: Record<RollupGranularity, number> = { hour: 23, day: 7 };

/**
 * Recomputes the current hour and day buckets of every component and monitor, and the finished ones
 * not yet settled: walking back from the previous bucket to the first settled one.
 */
export async function rollUpUptime(now: Date): Promise<void> {
  for (const granularity of ["hour", "day"] as const) {
    const current = bucketStartOf(now, granularity);
    const starts = [current];
    for (let back = 1; back <= CATCH_UP_BUCKETS[granularity]; back += 1) {
      const start = new Date(current.getTime() - back * BUCKET_MS[granularity]);
      if (await isSettled(granularity, start, now)) break;
      starts.unshift(start);
    }
    for (const start of starts) {
      await rollUpComponents(granularity, start, now);
      await rollUpMonitors(granularity, start, now);
      await rollUpComponentLatency(granularity, start, new Date(start.getTime() + BUCKET_MS[granularity]));
    }
  }
}

/**
 * A finished bucket is settled once late writes are past and each of its rows was computed after
 * its end — its seconds then cover the whole bucket; a row written before the end (the worker was
 * stopped then) covers less. Recomputing a settled hour would read an hour of every monitor's
 * results (a day: 24 hour rows each) to change nothing, every five minutes.
 */
async function isSettled(granularity: RollupGranularity, start: Date, now: Date): Promise<boolean> {
  const end = new Date(start.getTime() + BUCKET_MS[granularity]);
  if (now.getTime() - end.getTime() < LATE_WRITES_MS) return false;
  const seconds = BUCKET_MS[granularity] / 1000;
  const [row] = await db().$queryRaw<[{ unsettled: boolean }]>`
    SELECT EXISTS (
      SELECT 1 FROM "Monitor" m
      LEFT JOIN "MonitorRollup" r ON r."monitorId" = m.id AND r.granularity = ${granularity}::"RollupGranularity" AND r."bucketStart" = ${start}
      WHERE m."createdAt" < ${end}
        AND (r."monitorId" IS NULL OR ${sumOf("r", MONITOR_SECONDS)} < ${seconds})
    ) OR EXISTS (
      SELECT 1 FROM "Component" c
      LEFT JOIN "ComponentRollup" r ON r."componentId" = c.id AND r.granularity = ${granularity}::"RollupGranularity" AND r."bucketStart" = ${start}
      WHERE c."createdAt" < ${end}
        AND (r."componentId" IS NULL OR ${sumOf("r", COMPONENT_SECONDS)} < ${seconds})
    ) AS unsettled`;
  return !row.unsettled;
}

/**
 * The upsert's conflict clause: `columns` take the new row's values only when one of them differs,
 * so an unchanged bucket costs no row version (and, for components, no notification to the page).
 * Column names come from the lists above, never from input.
 */
function updateWhenChanged(table: "MonitorRollup" | "ComponentRollup", columns: string[]): Prisma.Sql {
  const key = table === "MonitorRollup" ? "monitorId" : "componentId";
  const quoted = columns.map((column) => `"${column}"`);
  return Prisma.raw(
    `ON CONFLICT ("${key}", granularity, "bucketStart") DO UPDATE SET ${quoted.map((column) => `${column} = EXCLUDED.${column}`).join(", ")}
    WHERE (${quoted.map((column) => `"${table}".${column}`).join(", ")}) IS DISTINCT FROM (${quoted.map((column) => `EXCLUDED.${column}`).join(", ")})`,
  );
}

/** `alias."a" + alias."b" + …`: a row's seconds over all statuses. */
function sumOf(alias: string, columns: string[]): Prisma.Sql {
  return Prisma.raw(columns.map((column) => `${alias}."${column}"`).join(" + "));
}

async function rollUpComponents(granularity: RollupGranularity, start: Date, now: Date) {
  const end = new Date(Math.min(start.getTime() + BUCKET_MS[granularity], now.getTime()));
  const components = await db().component.findMany({
    where: { createdAt: { lt: end } },
    select: {
      id: true,
      createdAt: true,
      statusChanges: { where: { changedAt: { gt: start, lt: end } }, orderBy: { changedAt: "asc" }, select: { changedAt: true, status: true } },
    },
  });
  const before = await lastComponentStatusAt(start);
  const rows = components.map((component) => {
    const existedBefore = component.createdAt <= start;
    // A component starts operational (the column default) and exists from createdAt on.
    const changes = [
      ...(existedBefore ? [] : [{ at: component.createdAt, status: "operational" as TimelineStatus }]),
      ...component.statusChanges.map((change) => ({ at: change.changedAt, status: change.status })),
    ];
    const seconds = componentSecondsPerStatus(
      { statusBefore: existedBefore ? (before.get(component.id) ?? "operational") : "unknown", changes },
      start,
      end,
    );
    return { componentId: component.id, ...toComponentRollupColumns(seconds) };
  });
  // One statement for every component, as for monitors: the cost is one round trip, not one per row.
  await db().$executeRaw`
    INSERT INTO "ComponentRollup" ("componentId", granularity, "bucketStart", "operationalSeconds", "degradedSeconds",
      "partialOutageSeconds", "majorOutageSeconds", "maintenanceSeconds", "unknownSeconds")
    SELECT r."componentId", ${granularity}::"RollupGranularity", ${start}::timestamptz, r."operationalSeconds",
      r."degradedSeconds", r."partialOutageSeconds", r."majorOutageSeconds", r."maintenanceSeconds", r."unknownSeconds"
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r("componentId" text, "operationalSeconds" int,
      "degradedSeconds" int, "partialOutageSeconds" int, "majorOutageSeconds" int, "maintenanceSeconds" int, "unknownSeconds" int)
    ${updateWhenChanged("ComponentRollup", COMPONENT_SECONDS)}`;
}

const MONITOR_TIMELINE_STATUS: Record<MonitorState, TimelineStatus> = {
  up: "operational",
  degraded: "degraded_performance",
  down: "major_outage",
  unknown: "unknown",
};

/**
 * One row per monitor and bucket: seconds per confirmed state from its history, check counts and
 * latency from its results — one statement, so a bucket that changed costs one row version, and one
 * that did not (a finished hour or day, recomputed for late results) costs none.
 */
async function rollUpMonitors(granularity: RollupGranularity, start: Date, now: Date) {
  const end = new Date(Math.min(start.getTime() + BUCKET_MS[granularity], now.getTime()));
  const monitors = await db().monitor.findMany({
    where: { createdAt: { lt: end } },
    select: {
      id: true,
      createdAt: true,
      stateChanges: { where: { changedAt: { gt: start, lt: end } }, orderBy: { changedAt: "asc" }, select: { changedAt: true, toState: true } },
    },
  });
  const before = await lastMonitorStateAt(start);
  const rows = monitors.map((monitor) => {
    const stateBefore = before.get(monitor.id);
    const seconds = componentSecondsPerStatus(
      {
        statusBefore: stateBefore ? MONITOR_TIMELINE_STATUS[stateBefore] : "unknown",
        changes: monitor.stateChanges.map((change) => ({ at: change.changedAt, status: MONITOR_TIMELINE_STATUS[change.toState] })),
      },
      start,
      end,
    );
    return {
      monitorId: monitor.id,
      up: seconds.operational,
      degraded: seconds.degraded_performance,
      down: seconds.major_outage,
      unknown: seconds.unknown,
    };
  });
  await db().$executeRaw`
    INSERT INTO "MonitorRollup" ("monitorId", granularity, "bucketStart", "upSeconds", "degradedSeconds", "downSeconds",
      "unknownSeconds", checks, "upChecks", "degradedChecks", "downChecks", "latencySumMs", "latencyCount", "latencyMaxMs")
    SELECT r."monitorId", ${granularity}::"RollupGranularity", ${start}::timestamptz, r.up, r.degraded, r.down, r.unknown,
      COALESCE(c.checks, 0), COALESCE(c."upChecks", 0), COALESCE(c."degradedChecks", 0), COALESCE(c."downChecks", 0),
      COALESCE(c."latencySumMs", 0), COALESCE(c."latencyCount", 0), c."latencyMaxMs"
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r("monitorId" text, up int, degraded int, down int, unknown int)
    LEFT JOIN (${checkCounts(granularity, start, end)}) AS c ON c."monitorId" = r."monitorId"
    ${updateWhenChanged("MonitorRollup", [...MONITOR_SECONDS, ...MONITOR_CHECKS])}`;
}

/**
 * Check counts and latency per monitor in [start, end). Hour buckets aggregate the raw results
 * (index on checkedAt; raw results are kept at least a day, so both recomputed hours have theirs);
 * day buckets sum the day's hour buckets, which `rollUpUptime` refreshes first, so a day costs 24
 * rows per monitor instead of a day of raw results.
 */
function checkCounts(granularity: RollupGranularity, start: Date, end: Date): Prisma.Sql {
  return granularity === "hour"
    ? Prisma.sql`
        SELECT "monitorId", count(*)::int AS checks, count(*) FILTER (WHERE state = 'up')::int AS "upChecks",
          count(*) FILTER (WHERE state = 'degraded')::int AS "degradedChecks",
          count(*) FILTER (WHERE state = 'down')::int AS "downChecks", COALESCE(sum("latencyMs"), 0)::bigint AS "latencySumMs",
          count("latencyMs")::int AS "latencyCount", max("latencyMs") AS "latencyMaxMs"
        FROM "CheckResult" WHERE "checkedAt" >= ${start} AND "checkedAt" < ${end}
        GROUP BY "monitorId"`
    : Prisma.sql`
        SELECT "monitorId", sum(checks)::int AS checks, sum("upChecks")::int AS "upChecks",
          sum("degradedChecks")::int AS "degradedChecks", sum("downChecks")::int AS "downChecks",
          sum("latencySumMs")::bigint AS "latencySumMs", sum("latencyCount")::int AS "latencyCount",
          max("latencyMaxMs") AS "latencyMaxMs"
        FROM "MonitorRollup" WHERE granularity = 'hour' AND "bucketStart" >= ${start} AND "bucketStart" < ${end}
        GROUP BY "monitorId"`;
}

/**
 * Each component's response times per bucket in [from, to), summed over its enabled monitors'
 * rollups, so the page draws a component's chart from one row per bucket however many monitors
 * feed it (10,000 monitors × 7 days of hours would be 1.7 million rows to read per render).
 */
export async function rollUpComponentLatency(granularity: RollupGranularity, from: Date, to: Date): Promise<void> {
  await db().$executeRaw`
    INSERT INTO "ComponentRollup" ("componentId", granularity, "bucketStart", "latencySumMs", "latencyCount", "latencyMaxMs")
    SELECT m."componentId", ${granularity}::"RollupGranularity", r."bucketStart", sum(r."latencySumMs")::bigint,
      sum(r."latencyCount")::int, max(r."latencyMaxMs")
    FROM "MonitorRollup" r JOIN "Monitor" m ON m.id = r."monitorId"
    WHERE r.granularity = ${granularity}::"RollupGranularity" AND r."bucketStart" >= ${from} AND r."bucketStart" < ${to}
      AND m.enabled AND m."componentId" IS NOT NULL
    GROUP BY m."componentId", r."bucketStart"
    ${updateWhenChanged("ComponentRollup", LATENCY)}`;
}

/**
 * Each component's status as of `at`: its newest change at or before then, one index probe per
 * component, so the cost does not grow with the history.
 */
async function lastComponentStatusAt(at: Date): Promise<Map<string, ComponentStatus>> {
  const rows = await db().$queryRaw<{ id: string; status: ComponentStatus }[]>`
    SELECT c.id, last.status::text AS status FROM "Component" c
    CROSS JOIN LATERAL (
      SELECT s.status FROM "ComponentStatusChange" s
      WHERE s."componentId" = c.id AND s."changedAt" <= ${at}
      ORDER BY s."changedAt" DESC, s.id DESC LIMIT 1
    ) last`;
  return new Map(rows.map((row) => [row.id, row.status]));
}

async function lastMonitorStateAt(at: Date): Promise<Map<string, MonitorState>> {
  const rows = await db().$queryRaw<{ id: string; state: MonitorState }[]>`
    SELECT m.id, last."toState"::text AS state FROM "Monitor" m
    CROSS JOIN LATERAL (
      SELECT s."toState" FROM "MonitorStateChange" s
      WHERE s."monitorId" = m.id AND s."changedAt" <= ${at}
      ORDER BY s."changedAt" DESC, s.id DESC LIMIT 1
    ) last`;
  return new Map(rows.map((row) => [row.id, row.state]));
}

/**
 * Monitors' hourly rollups feed the day buckets and the components' charts, which are built from
 * the current and previous buckets only; two weeks keep room to re-derive them. Kept as long as
 * the other rollups they would be 20,000 monitors × 24 × 400 rows (≈ 35 GB, docs/storage.md).
 */
export const MONITOR_HOURLY_ROLLUP_DAYS = 14;

/**
 * Rollups past `rollupDays` (monitors' hourly ones past MONITOR_HOURLY_ROLLUP_DAYS). Raw results
 * are pruned apart, in batches (lib/check-results/prune-check-results.ts).
 */
export async function pruneRollups(now: Date, rollupDays: number): Promise<void> {
  const rollupsBefore = new Date(now.getTime() - rollupDays * BUCKET_MS.day);
  const monitorHoursBefore = new Date(now.getTime() - MONITOR_HOURLY_ROLLUP_DAYS * BUCKET_MS.day);
  await db().monitorRollup.deleteMany({ where: { granularity: "hour", bucketStart: { lt: monitorHoursBefore } } });
  await db().monitorRollup.deleteMany({ where: { bucketStart: { lt: rollupsBefore } } });
  await db().componentRollup.deleteMany({ where: { bucketStart: { lt: rollupsBefore } } });
}
