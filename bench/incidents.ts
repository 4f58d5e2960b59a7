// npm run bench:incidents — issue #4's "Measure": the incident engine and the uptime read model on
// a throwaway embedded PostgreSQL (temp dir, 127.0.0.1 only). Not a test: it prints figures.
//   (b) first, on a quiet database: readComponentUptime for 100 components over 90 days of rollups,
//       p50/p99 (target < 50 ms).
//   (a) 100 components × 100 monitors, one result per monitor per simulated minute, fed through the
//       real processCheckResults in worker-sized batches (500), with the worker's cron jobs (the
//       incident clock and the silent-monitor sweep every minute, rollUpUptime every 5) at simulated
//       times. A few monitors fail on a script, so transitions, incidents and outbox rows happen.
//       Prints results/s, the database's and the WAL's growth and the rows written, per day.
//   (c) a real worker process probing a local target that turns to 503: first failing check →
//       incident row and → outbox rows (target ≤ failureThreshold × interval + 5 s = 35 s).
// BENCH_HOURS: (a)'s simulated span. The default, 2 h, keeps the whole bench within about 8 minutes
// on a 2-core machine (a full day, 14.4 M results, takes most of an hour there); spans under a day
// are extrapolated per day, and labelled so.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { ReasonCode } from "../lib/checks/reason-codes";
import type { CheckResult } from "../lib/checks/schemas";
import { disconnectDb } from "../lib/db";
import { slotPhaseMs } from "../lib/monitors/probe-slots";
import { runIncidentClock } from "../lib/incidents/incident-clock";
import { confirmSilentMonitors, processCheckResults } from "../lib/check-results/process-check-results";
import type { RecordedCheck } from "../lib/check-results/record-check-results";
import { parseDatabaseUrl, withDatabase } from "../lib/postgres/connection-config";
import { startEmbeddedPostgres } from "../lib/postgres/embedded";
import { applyMigrations } from "../lib/postgres/migrate";
import { WORKER_NODE_ARGS } from "../lib/runtime/worker-command";
import { readComponentUptime } from "../lib/public-read/read-uptime";
import { rollUpUptime } from "../lib/status/roll-up-uptime";
import { utcDayStarts, utcHourStarts } from "../lib/status/uptime";
import { freePort } from "../test/postgres-server";

const REPO_ROOT = path.resolve(import.meta.dirname, "..");
const HOURS = Number(process.env.BENCH_HOURS ?? 2);
if (!(HOURS > 0 && HOURS <= 24 * 7)) throw new Error(`BENCH_HOURS must be a number of hours in (0, 168], got ${process.env.BENCH_HOURS}`);

// (a) the simulated load
const COMPONENTS = 100;
const MONITORS_PER_COMPONENT = 100;
const MONITORS = COMPONENTS * MONITORS_PER_COMPONENT;
const INTERVAL_MS = 60_000;
/** The probe runner flushes at 500 results (FLUSH_AT_ROWS), so a busy worker's batches are this big. */
const BATCH_SIZE = 500;
/** Monitors start unknown and need 2 good checks to be up: that burst is set-up, not steady state. */
const WARM_UP_MINUTES = 3;
const ROLLUP_EVERY_MINUTES = 5;
const MEASURED_MINUTES = Math.max(1, Math.round(HOURS * 60));
/** A fixed UTC midnight, so simulated days are rollup days and runs are comparable. */
const SIM_START = new Date("2026-10-01T00:00:00.000Z");
/** The runner stamps checkedAt when a check starts, and flushes within 0.5 s of it ending. */
const CHECK_LAG_MS = 40;
const FLUSH_DELAY_MS = 500;

// The failure script (minutes of each simulated hour): who fails, when.
/** Monitor 0 of components 0–19 is down for 8 minutes each hour, staggered: 20 incidents an hour. */
const BLIP_COMPONENTS = 20;
const BLIP_MINUTES = 8;
/** Every monitor of one component is down 6 minutes each hour: a major outage. */
const OUTAGE_COMPONENT = 99;
const OUTAGE_MINUTES = [30, 36] as const;
/** 3 down, 2 up, forever: confirmed changes every few minutes, so the monitor is flapping. */
const FLAPPING_COMPONENT = 50;
/** Ten monitors of one component answer slowly 10 minutes each hour: degraded performance. */
const DEGRADED_COMPONENT = 60;
const DEGRADED_MINUTES = [40, 50] as const;

// (b) the read model
const READ_COMPONENTS = 100;
/** Enough calls for the JIT to settle: a page server reads warm. */
const READ_WARM_UP_CALLS = 20;
/** Enough calls that p99 is not simply the slowest one. */
const READ_CALLS = 200;
const READ_TARGET_MS = 50;

// (c) detection
const LIVE_INTERVAL_SECONDS = 10;
const LIVE_FAILURE_THRESHOLD = 3;
const DETECTION_TARGET_S = LIVE_FAILURE_THRESHOLD * LIVE_INTERVAL_SECONDS + 5;
const LIVE_DATABASE = "vigil_bench_live";

// ---------------------------------------------------------------------------------------------
// Clean-up: everything started registers its undo here; it runs once, on success, failure or Ctrl-C.

const cleanups: (() => Promise<unknown>)[] = [];
let cleaningUp: Promise<void> | null = null;

function cleanUp(): Promise<void> {
  cleaningUp ??= (async () => {
    for (const undo of cleanups.reverse()) await undo().catch((error: unknown) => console.error(`clean-up step failed: ${String(error)}`));
  })();
  return cleaningUp;
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: cleaning up…`);
    void cleanUp().finally(() => process.exit(130));
  });
}

// ---------------------------------------------------------------------------------------------
// Small helpers

function percentile(values: readonly number[], fraction: number): number {
  const sorted = values.toSorted((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))] ?? Number.NaN;
}

const ms = (value: number) => value.toFixed(1);
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const count = (value: number) => Math.round(value).toLocaleString("en-US");
const seconds = (value: number) => value.toFixed(1);
const pad = (value: number, width: number) => String(value).padStart(width, "0");
const metOrNot = (met: boolean) => (met ? "met" : "NOT met");

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client(parseDatabaseUrl(url));
  await client.connect();
  cleanups.push(() => client.end());
  return client;
}

// ---------------------------------------------------------------------------------------------
// (a) The simulated load

type BenchMonitor = { id: string; component: number; index: number; phaseMs: number };

const componentId = (c: number) => `bench-c${pad(c, 2)}`;

async function seedLoad(client: pg.Client): Promise<BenchMonitor[]> {
  const createdAt = new Date(SIM_START.getTime() - INTERVAL_MS);
  await client.query(
    `INSERT INTO "Component" (id, name, position, "createdAt", "statusChangedAt", "updatedAt")
     SELECT 'bench-c' || lpad(c::text, 2, '0'), 'Component ' || c, c, $1, $1, now() FROM generate_series(0, $2 - 1) AS c`,
    [createdAt, COMPONENTS],
  );
  // Never probed: (a) feeds results directly. The target is a loopback discard port all the same.
  await client.query(
    `INSERT INTO "Monitor" (id, "componentId", name, kind, target, "intervalSeconds", "createdAt", "stateChangedAt", "updatedAt")
     SELECT 'bench-c' || lpad(c::text, 2, '0') || '-m' || lpad(k::text, 2, '0'), 'bench-c' || lpad(c::text, 2, '0'),
            'Monitor ' || c || '/' || k, 'http', 'http://127.0.0.1:9/' || c || '/' || k, $1, $2, $2, now()
     FROM generate_series(0, $3 - 1) AS c, generate_series(0, $4 - 1) AS k`,
    [INTERVAL_MS / 1000, createdAt, COMPONENTS, MONITORS_PER_COMPONENT],
  );
  // Subscribers, so notified updates fan out: whole-page ones, component-scoped ones, and ones that
  // must get nothing (pending, unsubscribed).
  await client.query(
    `INSERT INTO "Subscriber" (id, email, status, "allComponents", "confirmedAt", "updatedAt")
     SELECT id, email, status::"SubscriberStatus", "allComponents", "confirmedAt", now() FROM (
       SELECT 'bench-s' || i AS id, 'reader' || i || '@example.com' AS email, 'confirmed' AS status, true AS "allComponents",
              now() AS "confirmedAt" FROM generate_series(1, 5) AS i
       UNION ALL SELECT 'bench-scoped-' || c, 'team' || c || '@example.com', 'confirmed', false, now() FROM unnest($1::int[]) AS c
       UNION ALL SELECT 'bench-pending', 'pending@example.com', 'pending', true, NULL
       UNION ALL SELECT 'bench-gone', 'gone@example.com', 'unsubscribed', true, now()) AS s`,
    [[0, FLAPPING_COMPONENT, OUTAGE_COMPONENT]],
  );
  await client.query(
    `INSERT INTO "SubscriberComponent" ("subscriberId", "componentId")
     SELECT 'bench-scoped-' || c, 'bench-c' || lpad(c::text, 2, '0') FROM unnest($1::int[]) AS c`,
    [[0, FLAPPING_COMPONENT, OUTAGE_COMPONENT]],
  );
  const monitors: BenchMonitor[] = [];
  for (let c = 0; c < COMPONENTS; c++) {
    for (let k = 0; k < MONITORS_PER_COMPONENT; k++) {
      const id = `${componentId(c)}-m${pad(k, 2)}`;
      monitors.push({ id, component: c, index: k, phaseMs: slotPhaseMs(id, INTERVAL_MS) });
    }
  }
  // The worker meets slots in time order; batches follow the phases through the minute.
  return monitors.sort((a, b) => a.phaseMs - b.phaseMs);
}

const inRange = (minute: number, [from, to]: readonly [number, number]) => minute >= from && minute < to;

/** What a monitor's check sees in a simulated minute (minutes counted from SIM_START). */
function scriptedState(monitor: BenchMonitor, minute: number): CheckResult["state"] {
  if (minute < WARM_UP_MINUTES) return "up";
  const minuteOfHour = minute % 60;
  const { component: c, index: k } = monitor;
  if (c < BLIP_COMPONENTS && k === 0) {
    const blipStart = 5 + 2 * c;
    if ((((minuteOfHour - blipStart) % 60) + 60) % 60 < BLIP_MINUTES) return "down";
  }
  if (c === FLAPPING_COMPONENT && k === 0 && minute % 5 < 3) return "down";
  if (c === OUTAGE_COMPONENT && inRange(minuteOfHour, OUTAGE_MINUTES)) return "down";
  if (c === DEGRADED_COMPONENT && k < 10 && inRange(minuteOfHour, DEGRADED_MINUTES)) return "degraded";
  return "up";
}

function checkResultOf(state: CheckResult["state"], latencyMs: number): CheckResult {
  const reason: { code: ReasonCode; message: string; statusCode: number } =
    state === "up"
      ? { code: "ok", message: "HTTP 200", statusCode: 200 }
      : state === "degraded"
        ? { code: "latency_high", message: `answered in ${latencyMs} ms (limit 2000 ms)`, statusCode: 200 }
        : { code: "http_status", message: "HTTP 503, expected 200-399", statusCode: 503 };
  return {
    state,
    reasons: [{ code: reason.code, message: reason.message }],
    warnings: [],
    statusCode: reason.statusCode,
    latencyMs,
    timings: { dns: null, connect: 1, tls: null, ttfb: latencyMs - 1, total: latencyMs },
    certificate: null,
  };
}

/** One simulated minute's results in worker-sized batches, each with the time the runner would flush it. */
function batchesOfMinute(monitors: readonly BenchMonitor[], minute: number): { checks: RecordedCheck[]; now: Date }[] {
  const minuteStart = SIM_START.getTime() + minute * INTERVAL_MS;
  const batches: { checks: RecordedCheck[]; now: Date }[] = [];
  for (let from = 0; from < monitors.length; from += BATCH_SIZE) {
    let flushAt = 0;
    const checks = monitors.slice(from, from + BATCH_SIZE).map((monitor, i): RecordedCheck => {
      const state = scriptedState(monitor, minute);
      const latencyMs = state === "degraded" ? 2400 : 20 + ((from + i) * 7 + minute * 13) % 180;
      const slotAt = minuteStart + monitor.phaseMs;
      flushAt = Math.max(flushAt, slotAt + CHECK_LAG_MS + latencyMs + FLUSH_DELAY_MS);
      return {
        monitorId: monitor.id,
        region: "local",
        workerId: "bench",
        slotAt: new Date(slotAt),
        checkedAt: new Date(slotAt + CHECK_LAG_MS),
        result: checkResultOf(state, latencyMs),
      };
    });
    batches.push({ checks, now: new Date(flushAt) });
  }
  return batches;
}

const COUNTED_TABLES = [
  "CheckResult",
  "MonitorStateChange",
  "ComponentStatusChange",
  "Incident",
  "IncidentUpdate",
  "OutboxMessage",
  "MonitorRollup",
  "ComponentRollup",
  "Monitor",
] as const;
type CountedTable = (typeof COUNTED_TABLES)[number];
/** Tables that grow by rewriting rows rather than adding them: their size levels off once autovacuum
 *  keeps up, so a straight-line extrapolation overstates them. */
const REWRITTEN_TABLES: ReadonlySet<CountedTable> = new Set(["Monitor"]);

type LoadCounters = {
  databaseBytes: number;
  /** WAL position: what the load wrote to the write-ahead log (replication and backups carry it). */
  walBytes: number;
  walRecords: number;
  walFullPageImages: number;
  tableBytes: Record<CountedTable, number>;
  rows: Record<CountedTable, number>;
};

async function loadCounters(client: pg.Client): Promise<LoadCounters> {
  const { rows } = await client.query<{ table: CountedTable; rows: string; bytes: string }>(
    COUNTED_TABLES.map(
      (table) => `SELECT '${table}' AS table, (SELECT count(*) FROM "${table}") AS rows, pg_total_relation_size('"${table}"') AS bytes`,
    ).join(" UNION ALL "),
  );
  const totals = await client.query<{ bytes: string; wal: string; records: string; fpi: string }>(
    `SELECT pg_database_size(current_database()) AS bytes, pg_current_wal_lsn() - '0/0'::pg_lsn AS wal,
            wal_records AS records, wal_fpi AS fpi FROM pg_stat_wal`,
  );
  const byTable = (pick: (row: (typeof rows)[number]) => string) =>
    Object.fromEntries(rows.map((row) => [row.table, Number(pick(row))])) as Record<CountedTable, number>;
  return {
    databaseBytes: Number(totals.rows[0]?.bytes),
    walBytes: Number(totals.rows[0]?.wal),
    walRecords: Number(totals.rows[0]?.records),
    walFullPageImages: Number(totals.rows[0]?.fpi),
    tableBytes: byTable((row) => row.bytes),
    rows: byTable((row) => row.rows),
  };
}

type HourSample = { hour: number; wallSeconds: number; counters: LoadCounters };

type LoadFigures = {
  results: number;
  wallSeconds: number;
  processSeconds: number;
  batchMs: number[];
  rollUpMs: number[];
  minuteJobsMs: number[];
  vacuumMs: number[];
  before: LoadCounters;
  after: LoadCounters;
  hours: HourSample[];
  engine: EngineCounts;
};

async function runLoad(client: pg.Client): Promise<LoadFigures> {
  const monitors = await seedLoad(client);
  console.log(`(a) ${count(MONITORS)} monitors in ${COMPONENTS} components; warming up ${WARM_UP_MINUTES} simulated minutes…`);
  for (let minute = 0; minute < WARM_UP_MINUTES; minute++) {
    for (const batch of batchesOfMinute(monitors, minute)) await processCheckResults(batch.checks, batch.now);
  }
  await rollUpUptime(new Date(SIM_START.getTime() + WARM_UP_MINUTES * INTERVAL_MS));
  const before = await loadCounters(client);

  console.log(`(a) simulating ${MEASURED_MINUTES} minutes (${HOURS} h) of ${count(MONITORS)} results a minute…`);
  const batchMs: number[] = [];
  const rollUpMs: number[] = [];
  const minuteJobsMs: number[] = [];
  const vacuumMs: number[] = [];
  const hours: HourSample[] = [];
  let results = 0;
  const started = performance.now();
  for (let minute = WARM_UP_MINUTES; minute < WARM_UP_MINUTES + MEASURED_MINUTES; minute++) {
    for (const batch of batchesOfMinute(monitors, minute)) {
      const { value, ms } = await timed(() => processCheckResults(batch.checks, batch.now));
      batchMs.push(ms);
      results += value.recorded;
    }
    // The worker's cron jobs, at the next minute's start: every minute the incident clock and the
    // silent-monitor sweep, every 5 minutes the uptime rollups.
    const minuteEnd = new Date(SIM_START.getTime() + (minute + 1) * INTERVAL_MS);
    const jobs = await timed(async () => {
      await runIncidentClock(minuteEnd);
      await confirmSilentMonitors(minuteEnd);
    });
    minuteJobsMs.push(jobs.ms);
    const rollUp = (minute + 1) % ROLLUP_EVERY_MINUTES === 0;
    if (rollUp) rollUpMs.push((await timed(() => rollUpUptime(minuteEnd))).ms);
    vacuumMs.push((await timed(() => vacuumLikeAutovacuum(client, rollUp))).ms);

    const done = minute + 1 - WARM_UP_MINUTES;
    const elapsed = (performance.now() - started) / 1000;
    if (done % 10 === 0 || done === MEASURED_MINUTES) {
      console.log(`    ${done}/${MEASURED_MINUTES} simulated minutes in ${seconds(elapsed)} s (${count(results / elapsed)} results/s)`);
    }
    if (done % 60 === 0 || done === MEASURED_MINUTES) hours.push({ hour: done / 60, wallSeconds: elapsed, counters: await loadCounters(client) });
  }
  const wallSeconds = (performance.now() - started) / 1000;
  return {
    results,
    wallSeconds,
    processSeconds: batchMs.reduce((sum, value) => sum + value, 0) / 1000,
    batchMs,
    rollUpMs,
    minuteJobsMs,
    vacuumMs,
    before,
    after: hours.at(-1)?.counters ?? (await loadCounters(client)),
    hours,
    engine: await engineCounts(client),
  };
}

/**
 * Autovacuum wakes every 60 s of wall-clock time, and this simulation runs some 20× faster than the
 * clock: left alone, the Monitor table (every row rewritten each simulated minute) would bloat far
 * beyond what a real day leaves behind. So the bench vacuums what autovacuum would have vacuumed by
 * then: Monitor after every simulated minute, the rollup tables after each rollup.
 */
async function vacuumLikeAutovacuum(client: pg.Client, afterRollUp: boolean): Promise<void> {
  await client.query(`VACUUM "Monitor"`);
  if (afterRollUp) await client.query(`VACUUM "MonitorRollup", "ComponentRollup"`);
}

type EngineCounts = {
  updates: { status: string; notify: boolean; rows: number }[];
  incidents: { status: string; rows: number }[];
  flappingMonitors: number;
  outboxToUnconfirmed: number;
  stateMemoryBytes: number;
  monitorRowBytes: number;
  monitorTable: { updates: number; hotUpdates: number; deadRows: number; autovacuums: number };
};

/** What the incident engine made of the script, to read the row counts by. */
async function engineCounts(client: pg.Client): Promise<EngineCounts> {
  const updates = await client.query<{ status: string; notify: boolean; rows: number }>(
    `SELECT status::text, notify, count(*)::int AS rows FROM "IncidentUpdate" GROUP BY 1, 2 ORDER BY 1, 2`,
  );
  const incidents = await client.query<{ status: string; rows: number }>(
    `SELECT status::text, count(*)::int AS rows FROM "Incident" GROUP BY 1 ORDER BY 1`,
  );
  const other = await client.query<{ flapping: number; unconfirmed: number; memory: number; row: number }>(
    `SELECT (SELECT count(*)::int FROM "Monitor" WHERE flapping) AS flapping,
            (SELECT count(*)::int FROM "OutboxMessage" WHERE "subscriberId" IN ('bench-pending', 'bench-gone')) AS unconfirmed,
            (SELECT avg(pg_column_size("stateMemory"))::int FROM "Monitor") AS memory,
            (SELECT avg(pg_column_size(m.*))::int FROM "Monitor" m) AS row`,
  );
  // Statistics reach pg_stat_user_tables with a delay of a second or so: good enough for a summary.
  const monitorTable = await client.query<{ updates: string; hot: string; dead: string; autovacuums: string }>(
    `SELECT n_tup_upd AS updates, n_tup_hot_upd AS hot, n_dead_tup AS dead, autovacuum_count AS autovacuums
     FROM pg_stat_user_tables WHERE relname = 'Monitor'`,
  );
  const stats = monitorTable.rows[0];
  return {
    monitorTable: {
      updates: Number(stats?.updates ?? 0),
      hotUpdates: Number(stats?.hot ?? 0),
      deadRows: Number(stats?.dead ?? 0),
      autovacuums: Number(stats?.autovacuums ?? 0),
    },
    updates: updates.rows,
    incidents: incidents.rows,
    flappingMonitors: other.rows[0]?.flapping ?? 0,
    outboxToUnconfirmed: other.rows[0]?.unconfirmed ?? 0,
    stateMemoryBytes: other.rows[0]?.memory ?? 0,
    monitorRowBytes: other.rows[0]?.row ?? 0,
  };
}

function printLoad(figures: LoadFigures): { resultsPerSecond: number; bytesPerDay: number; appendBytesPerDay: number; walBytesPerDay: number } {
  const perDay = 24 / HOURS;
  const dayLabel = HOURS === 24 ? "per simulated day" : "per day (extrapolated)";
  const { before, after } = figures;
  const growth = after.databaseBytes - before.databaseBytes;
  const rewrittenGrowth = [...REWRITTEN_TABLES].reduce((sum, table) => sum + after.tableBytes[table] - before.tableBytes[table], 0);
  const wal = after.walBytes - before.walBytes;
  const resultsPerSecond = figures.results / figures.wallSeconds;

  console.log(`\n(a) load: ${count(MONITORS)} monitors × 1 result/min, ${HOURS} simulated h, batches of ${BATCH_SIZE}, ${os.cpus().length} cores`);
  console.table({
    "results processed": count(figures.results),
    "wall clock (s)": seconds(figures.wallSeconds),
    "results/s (wall clock, all jobs)": count(resultsPerSecond),
    "results/s (processCheckResults only)": count(figures.results / figures.processSeconds),
    "needed: 10,000 monitors at 60 s": count(MONITORS / (INTERVAL_MS / 1000)),
    "simulated time / wall time": `${((MEASURED_MINUTES * 60) / figures.wallSeconds).toFixed(1)}×`,
    "processCheckResults p50 / p99 / max (ms)": `${ms(percentile(figures.batchMs, 0.5))} / ${ms(percentile(figures.batchMs, 0.99))} / ${ms(Math.max(...figures.batchMs))}`,
    "minute jobs p50 / max (ms)": `${ms(percentile(figures.minuteJobsMs, 0.5))} / ${ms(Math.max(...figures.minuteJobsMs))}`,
    "VACUUM standing in for autovacuum, total (s)": seconds(figures.vacuumMs.reduce((sum, value) => sum + value, 0) / 1000),
    "rollUpUptime first / last / max (ms)": `${ms(figures.rollUpMs[0] ?? Number.NaN)} / ${ms(figures.rollUpMs.at(-1) ?? Number.NaN)} / ${ms(Math.max(...figures.rollUpMs))}`,
  });

  console.log(`(a) by simulated hour (database ${mb(before.databaseBytes)} MB after set-up and warm-up):`);
  let previous = { wallSeconds: 0, counters: before };
  console.table(
    figures.hours.map((sample) => {
      const row = {
        "simulated h": sample.hour.toFixed(2),
        "wall s": seconds(sample.wallSeconds - previous.wallSeconds),
        "database MB": mb(sample.counters.databaseBytes),
        "+ database MB": mb(sample.counters.databaseBytes - previous.counters.databaseBytes),
        "+ CheckResult MB": mb(sample.counters.tableBytes.CheckResult - previous.counters.tableBytes.CheckResult),
        "+ Monitor MB": mb(sample.counters.tableBytes.Monitor - previous.counters.tableBytes.Monitor),
        "+ WAL MB": mb(sample.counters.walBytes - previous.counters.walBytes),
      };
      previous = sample;
      return row;
    }),
  );

  const label = `${dayLabel}${HOURS === 24 ? "" : ` from ${HOURS} h`}`;
  console.log(`(a) rows and bytes written; ${label}:`);
  console.table(
    Object.fromEntries([
      ...COUNTED_TABLES.map((table) => {
        const rows = after.rows[table] - before.rows[table];
        const bytes = after.tableBytes[table] - before.tableBytes[table];
        const rewritten = REWRITTEN_TABLES.has(table);
        return [
          table,
          {
            "rows created": rewritten ? "(updated)" : count(rows),
            [`rows ${dayLabel}`]: rewritten ? "" : count(rows * perDay),
            "MB growth": mb(bytes),
            [`MB ${dayLabel}`]: rewritten ? "levels off" : mb(bytes * perDay),
          },
        ];
      }),
      ["whole database", { "rows created": "", [`rows ${dayLabel}`]: "", "MB growth": mb(growth), [`MB ${dayLabel}`]: mb(growth * perDay) }],
      [
        "… without Monitor",
        { "rows created": "", [`rows ${dayLabel}`]: "", "MB growth": mb(growth - rewrittenGrowth), [`MB ${dayLabel}`]: mb((growth - rewrittenGrowth) * perDay) },
      ],
      ["WAL written", { "rows created": "", [`rows ${dayLabel}`]: "", "MB growth": mb(wal), [`MB ${dayLabel}`]: mb(wal * perDay) }],
    ]),
  );

  const checkRows = after.rows.CheckResult - before.rows.CheckResult;
  const checkBytes = after.tableBytes.CheckResult - before.tableBytes.CheckResult;
  const { engine } = figures;
  console.log(`(a) what the engine did (the whole run, warm-up included):`);
  console.table({
    incidents: engine.incidents.map((row) => `${row.status} ${row.rows}`).join(", "),
    "incident updates (status, notified)": engine.updates.map((row) => `${row.status}${row.notify ? "" : " (quiet)"} ${row.rows}`).join(", "),
    "monitors flapping at the end": engine.flappingMonitors,
    "outbox rows to pending/unsubscribed": engine.outboxToUnconfirmed,
    "CheckResult bytes a row (with indexes)": count(checkBytes / Math.max(1, checkRows)),
    "Monitor row / its stateMemory bytes (average)": `${engine.monitorRowBytes} / ${engine.stateMemoryBytes}`,
    "Monitor row updates (HOT) / dead rows / autovacuums": `${count(engine.monitorTable.updates)} (${count(engine.monitorTable.hotUpdates)}) / ${count(engine.monitorTable.deadRows)} / ${engine.monitorTable.autovacuums}`,
    "Monitor row rewrites per result": (engine.monitorTable.updates / Math.max(1, after.rows.CheckResult)).toFixed(2),
    "WAL records / full-page images (measured span)": `${count(after.walRecords - before.walRecords)} / ${count(after.walFullPageImages - before.walFullPageImages)}`,
  });
  return {
    resultsPerSecond,
    bytesPerDay: growth * perDay,
    appendBytesPerDay: (growth - rewrittenGrowth) * perDay,
    walBytesPerDay: wal * perDay,
  };
}

// ---------------------------------------------------------------------------------------------
// (b) The read model

type ReadFigures = { p50: number; p99: number; max: number; mean: number; rowsPerCall: number; components: number };

async function measureReads(client: pg.Client): Promise<ReadFigures> {
  const now = new Date();
  const days = utcDayStarts(now, 90);
  const hours = utcHourStarts(now, 24);
  await client.query(
    `INSERT INTO "Component" (id, name, position, "createdAt", "statusChangedAt", "updatedAt")
     SELECT 'read-c' || lpad(c::text, 3, '0'), 'Read ' || c, 1000 + c, $1, $1, now() FROM generate_series(0, $2 - 1) AS c`,
    [new Date(now.getTime() - 120 * 86_400_000), READ_COMPONENTS],
  );
  // 90 days and 24 hours a component, mostly operational, with an outage sprinkled in here and there.
  const inserted = await client.query(
    `INSERT INTO "ComponentRollup" ("componentId", granularity, "bucketStart", "operationalSeconds", "degradedSeconds",
       "partialOutageSeconds", "majorOutageSeconds")
     SELECT 'read-c' || lpad(c::text, 3, '0'), b.granularity::"RollupGranularity", b.start,
            b.length - CASE WHEN (c * 7 + b.n) % 29 = 0 THEN 1800 ELSE 0 END - CASE WHEN (c * 5 + b.n) % 31 = 0 THEN 600 ELSE 0 END,
            CASE WHEN (c * 5 + b.n) % 31 = 0 THEN 300 ELSE 0 END,
            CASE WHEN (c * 5 + b.n) % 31 = 0 THEN 300 ELSE 0 END,
            CASE WHEN (c * 7 + b.n) % 29 = 0 THEN 1800 ELSE 0 END
     FROM generate_series(0, $1 - 1) AS c,
          (SELECT 'day' AS granularity, d AS start, 86400 AS length, n FROM unnest($2::timestamptz[]) WITH ORDINALITY AS u(d, n)
           UNION ALL
           SELECT 'hour', h, 3600, n FROM unnest($3::timestamptz[]) WITH ORDINALITY AS u(h, n)) AS b`,
    [READ_COMPONENTS, days, hours],
  );
  await client.query(`ANALYZE "ComponentRollup"`);
  const ids = Array.from({ length: READ_COMPONENTS }, (_, c) => `read-c${pad(c, 3)}`);
  for (let i = 0; i < READ_WARM_UP_CALLS; i++) await readComponentUptime(ids, now);
  const samples: number[] = [];
  let components = 0;
  for (let i = 0; i < READ_CALLS; i++) {
    const { value, ms } = await timed(() => readComponentUptime(ids, now));
    samples.push(ms);
    components = value.filter((entry) => entry.figures["90d"].uptime !== null && entry.days.length === 90).length;
  }
  return {
    p50: percentile(samples, 0.5),
    p99: percentile(samples, 0.99),
    max: Math.max(...samples),
    mean: samples.reduce((sum, value) => sum + value, 0) / samples.length,
    rowsPerCall: inserted.rowCount ?? 0,
    components,
  };
}

function printReads(figures: ReadFigures) {
  console.log(`\n(b) readComponentUptime: ${READ_COMPONENTS} components × (90 daily + 24 hourly) rollups, ${READ_CALLS} calls after ${READ_WARM_UP_CALLS} warm-up`);
  console.table({
    "rollup rows read per call": count(figures.rowsPerCall),
    "components with 90 d figures and 90 bars": figures.components,
    "p50 (ms)": ms(figures.p50),
    "p99 (ms)": ms(figures.p99),
    "max (ms)": ms(figures.max),
    "mean (ms)": ms(figures.mean),
  });
}

// ---------------------------------------------------------------------------------------------
// (c) Detection latency with a real worker

type DetectionFigures = {
  workerReadyS: number;
  firstFailureAfterFlipS: number;
  confirmingCheckS: number;
  monitorDownS: number;
  incidentS: number;
  outboxFirstS: number;
  outboxLastS: number;
  outboxRows: number;
  incidentSeenS: number;
  outboxSeenS: number;
};

/**
 * A loopback HTTP server: /health answers 200 until the bench switches it to 503; /canary always
 * answers 200 (the worker's self-check canary, so it never probes whatever listens on :3000 here).
 */
async function startTarget(): Promise<{ port: number; fail(): void }> {
  let healthy = true;
  const server = http.createServer((request, response) => {
    const up = healthy || request.url === "/canary";
    response.statusCode = up ? 200 : 503;
    response.end(up ? "ok" : "unavailable");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  return { port: (server.address() as { port: number }).port, fail: () => (healthy = false) };
}

/** The worker as `npm run worker` starts it; its output is kept for when something goes wrong. */
function startWorker(databaseUrl: string, canaryUrl: string): { process: ChildProcess; output: string[] } {
  const output: string[] = [];
  const worker = spawn(process.execPath, WORKER_NODE_ARGS, {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PROBE_ALLOW_PRIVATE_NETWORKS: "true",
      PROBE_CANARY_URLS: canaryUrl,
      NEXT_TELEMETRY_DISABLED: "1",
    },
    // The IPC channel makes the worker stop by itself if this process dies without cleaning up.
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  const keep = (chunk: Buffer) => {
    output.push(...chunk.toString("utf8").split("\n").filter(Boolean));
    output.splice(0, Math.max(0, output.length - 40));
  };
  worker.stdout?.on("data", keep);
  worker.stderr?.on("data", keep);
  cleanups.push(() => stopWorker(worker));
  return { process: worker, output };
}

async function stopWorker(worker: ChildProcess): Promise<void> {
  if (worker.exitCode !== null || worker.signalCode !== null) return;
  const exited = new Promise<boolean>((resolve) => worker.once("exit", () => resolve(true)));
  worker.kill("SIGTERM");
  const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 20_000).unref());
  if (!(await Promise.race([exited, timeout]))) {
    console.error("worker did not stop within 20 s of SIGTERM; killing it");
    worker.kill("SIGKILL");
    await exited;
  }
}

async function measureDetection(client: pg.Client, serverUrl: string): Promise<DetectionFigures> {
  await client.query(`CREATE DATABASE ${LIVE_DATABASE}`);
  const liveUrl = withDatabase(serverUrl, LIVE_DATABASE);
  await applyMigrations(liveUrl);
  const live = await connect(liveUrl);
  const target = await startTarget();
  await live.query(`INSERT INTO "Component" (id, name, "updatedAt") VALUES ('live-c', 'Live API', now())`);
  await live.query(
    `INSERT INTO "Monitor" (id, "componentId", name, kind, target, "intervalSeconds", "timeoutMs", "failureThreshold", "recoveryThreshold", "updatedAt")
     VALUES ('live-m', 'live-c', 'Live API health', 'http', $1, $2, 3000, $3, 2, now())`,
    [`http://127.0.0.1:${target.port}/health`, LIVE_INTERVAL_SECONDS, LIVE_FAILURE_THRESHOLD],
  );
  await live.query(
    `INSERT INTO "Subscriber" (id, email, status, "allComponents", "confirmedAt", "updatedAt")
     VALUES ('live-s', 'oncall@example.com', 'confirmed', true, now(), now())`,
  );

  console.log(`\n(c) starting a worker (monitor every ${LIVE_INTERVAL_SECONDS} s, failure threshold ${LIVE_FAILURE_THRESHOLD}) against 127.0.0.1:${target.port}…`);
  const spawnedAt = Date.now();
  const worker = startWorker(liveUrl, `http://127.0.0.1:${target.port}/canary`);
  const exitedEarly = new Promise<never>((_, reject) =>
    worker.process.once("exit", (code) => reject(new Error(`worker exited early (${code}):\n${worker.output.join("\n")}`))),
  );
  exitedEarly.catch(() => {}); // observed through the race below
  const race = <T>(promise: Promise<T>) => Promise.race([promise, exitedEarly]);
  try {
    await race(waitFor("the worker's heartbeat", 60_000, async () => {
      const { rowCount } = await live.query(`SELECT 1 FROM "WorkerHeartbeat"`);
      return rowCount ? true : undefined;
    }));
    const workerReadyS = (Date.now() - spawnedAt) / 1000;
    await race(waitFor("2 good checks", 60_000, async () => {
      const { rows } = await live.query<{ n: number }>(`SELECT count(*)::int AS n FROM "CheckResult" WHERE "monitorId" = 'live-m' AND state = 'up'`);
      return (rows[0]?.n ?? 0) >= 2 ? true : undefined;
    }));
    target.fail();
    const flippedAt = Date.now();
    console.log(`(c) up for 2 checks; the target now answers 503`);

    const incident = await race(waitFor("the automatic incident", 90_000, async () => {
      const { rows } = await live.query<{ id: string; createdAt: Date }>(
        `SELECT i.id, i."createdAt" FROM "Incident" i JOIN "IncidentComponent" ic ON ic."incidentId" = i.id
         WHERE ic."componentId" = 'live-c' AND i.source = 'automatic' ORDER BY i."createdAt" LIMIT 1`,
      );
      return rows[0];
    }));
    const incidentSeenAt = Date.now();
    const outbox = await race(waitFor("the incident's outbox rows", 30_000, async () => {
      const { rows } = await live.query<{ rows: number; first: Date | null; last: Date | null }>(
        `SELECT count(*)::int AS rows, min(o."createdAt") AS first, max(o."createdAt") AS last
         FROM "OutboxMessage" o JOIN "IncidentUpdate" u ON u.id = o."incidentUpdateId" WHERE u."incidentId" = $1`,
        [incident.id],
      );
      const row = rows[0];
      return row && row.rows > 0 && row.first && row.last ? { rows: row.rows, first: row.first, last: row.last } : undefined;
    }));
    const outboxSeenAt = Date.now();
    const failures = await live.query<{ checkedAt: Date }>(
      `SELECT "checkedAt" FROM "CheckResult" WHERE "monitorId" = 'live-m' AND state = 'down' ORDER BY "slotAt" LIMIT $1`,
      [LIVE_FAILURE_THRESHOLD],
    );
    const down = await live.query<{ changedAt: Date }>(
      `SELECT "changedAt" FROM "MonitorStateChange" WHERE "monitorId" = 'live-m' AND "toState" = 'down' ORDER BY "changedAt" LIMIT 1`,
    );
    const firstFailure = failures.rows[0]?.checkedAt;
    const confirming = failures.rows[LIVE_FAILURE_THRESHOLD - 1]?.checkedAt;
    const monitorDown = down.rows[0]?.changedAt;
    if (!firstFailure || !confirming || !monitorDown) throw new Error("the incident exists but its failing checks or state change do not");
    const since = (time: Date | number) => ((typeof time === "number" ? time : time.getTime()) - firstFailure.getTime()) / 1000;
    return {
      workerReadyS,
      firstFailureAfterFlipS: (firstFailure.getTime() - flippedAt) / 1000,
      confirmingCheckS: since(confirming),
      monitorDownS: since(monitorDown),
      incidentS: since(incident.createdAt),
      outboxFirstS: since(outbox.first),
      outboxLastS: since(outbox.last),
      outboxRows: outbox.rows,
      incidentSeenS: since(incidentSeenAt),
      outboxSeenS: since(outboxSeenAt),
    };
  } catch (error) {
    console.error(`(c) worker output (last lines):\n${worker.output.join("\n")}`);
    throw error;
  } finally {
    await stopWorker(worker.process);
  }
}

function printDetection(figures: DetectionFigures) {
  console.log(`\n(c) detection: times from the first failing check's checkedAt (worker ready ${seconds(figures.workerReadyS)} s after spawn)`);
  console.table({
    "first failing check, after the switch to 503 (s)": seconds(figures.firstFailureAfterFlipS),
    [`check ${LIVE_FAILURE_THRESHOLD} of ${LIVE_FAILURE_THRESHOLD} (checkedAt) (s)`]: seconds(figures.confirmingCheckS),
    "monitor confirmed down (MonitorStateChange) (s)": seconds(figures.monitorDownS),
    "Incident.createdAt (s)": seconds(figures.incidentS),
    "OutboxMessage.createdAt first / last (s)": `${seconds(figures.outboxFirstS)} / ${seconds(figures.outboxLastS)}`,
    "outbox rows for the incident": figures.outboxRows,
    "incident / outbox seen by the bench (s)": `${seconds(figures.incidentSeenS)} / ${seconds(figures.outboxSeenS)}`,
  });
  console.log("(c) OutboxMessage.createdAt is Postgres's now(): the start of the transaction that wrote the incident.");
}

// ---------------------------------------------------------------------------------------------
// Main

async function main() {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "vigil-bench-incidents-"));
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  const server = await startEmbeddedPostgres({ dataDir, port: await freePort(), database: "vigil_bench" });
  cleanups.push(() => server.stop());
  await applyMigrations(server.url);
  // lib/ reads DATABASE_URL once, on first use: point it at the throwaway database, never at the
  // one this shell may name.
  process.env.DATABASE_URL = server.url;
  cleanups.push(() => disconnectDb());
  const client = await connect(server.url);

  // (b) first: it times a query, and the load leaves autovacuum and checkpoints busy for a while.
  const reads = await measureReads(client);
  printReads(reads);
  const load = printLoad(await runLoad(client));
  const detection = await measureDetection(client, server.url);
  printDetection(detection);

  const needed = MONITORS / (INTERVAL_MS / 1000);
  const extrapolated = HOURS === 24 ? "" : ` (extrapolated from ${HOURS} simulated h)`;
  console.log(
    [
      "",
      "summary",
      `  (a) ${count(load.resultsPerSecond)} results/s through processCheckResults, with the minute jobs and rollUpUptime every 5 min: ` +
        `${(load.resultsPerSecond / needed).toFixed(1)}× the ${count(needed)}/s of 10,000 monitors at 60 s → ${metOrNot(load.resultsPerSecond >= needed)}`,
      `      per day${extrapolated}: database +${mb(load.bytesPerDay)} MB (+${mb(load.appendBytesPerDay)} MB without the rewritten Monitor rows), ` +
        `WAL ${mb(load.walBytesPerDay)} MB`,
      `  (b) readComponentUptime, ${READ_COMPONENTS} components × 90 days: p50 ${ms(reads.p50)} ms, p99 ${ms(reads.p99)} ms; ` +
        `target < ${READ_TARGET_MS} ms → p50 ${metOrNot(reads.p50 < READ_TARGET_MS)}, p99 ${metOrNot(reads.p99 < READ_TARGET_MS)}`,
      `  (c) first failing check → Incident.createdAt ${seconds(detection.incidentS)} s, → last OutboxMessage.createdAt ${seconds(detection.outboxLastS)} s; ` +
        `target ≤ ${LIVE_FAILURE_THRESHOLD} × ${LIVE_INTERVAL_SECONDS} s + 5 s = ${DETECTION_TARGET_S} s → ` +
        metOrNot(Math.max(detection.incidentS, detection.outboxLastS) <= DETECTION_TARGET_S),
    ].join("\n"),
  );
}

try {
  await main();
} catch (error) {
  console.error(`\nbench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
