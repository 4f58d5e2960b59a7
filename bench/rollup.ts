// npm run bench:rollup [-- --monitors 20000] — the five-minute uptime rollup (lib/status/roll-up-uptime.ts)
// at N monitors checked every minute, run as the worker's cron does, at six ticks five minutes
// apart across the top of an hour (T−10 … T+15 min). The database is seeded first as bench:scale's
// is (bench/seed-rollup-history.ts: 7 days of hourly and 90 of daily rollups, 40 components),
// plus raw results from T−3 h to T+15 min, so each tick reads and writes what a real one would.
// Prints, per tick: the
// rollup's time, rows inserted + updated, WAL written, growth of the monitors' rollup table, and a
// baseline measured just before it — one read of a full hour's results grouped by monitor, the
// least a rollup of a finished hour must do — with the ratio of the two, so a machine running
// faster or slower that minute moves both. Not a test: it prints figures.
import os from "node:os";
import { parseArgs } from "node:util";
import { z } from "zod";
import { disconnectDb } from "../lib/db";
import { rollUpUptime } from "../lib/status/roll-up-uptime";
import { insertHttpMonitors, loadAverage, printFigures } from "../test/vigil-processes";
import { rowCounters, startBenchDatabase } from "./bench-database";
import { seedRollupHistory } from "./seed-rollup-history";

const Options = z.object({ monitors: z.coerce.number().int().min(100).max(100_000).default(20_000) });
const { values } = parseArgs({ options: { monitors: { type: "string" } } });
const parsed = Options.safeParse(values);
if (!parsed.success) {
  console.error(`bench:rollup: ${parsed.error.issues.map((issue) => `--${issue.path.join(".")}: ${issue.message}`).join("; ")}`);
  process.exit(64);
}
const MONITORS = parsed.data.monitors;
const COMPONENTS = 40;
const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
/** A top of the hour with a day of history before it; fixed, so the run does not depend on today. */
const T = Date.UTC(2030, 0, 15, 12);
const TICKS_MIN = [-10, -5, 0, 5, 10, 15];
const STATS_FLUSH_MS = 1_500;

const database = await startBenchDatabase("vigil_rollup");
const { client } = database;
try {
  console.log(`seeding ${MONITORS.toLocaleString("en")} monitors, their results and their rollup history…`);
  const longAgo = new Date(T - 100 * DAY);
  await client.query(
    `INSERT INTO "Component" (id, name, position, "createdAt", "updatedAt") SELECT 'c' || c, 'Component ' || c, c, $2, now() FROM generate_series(0, $1 - 1) c`,
    [COMPONENTS, longAgo],
  );
  await insertHttpMonitors(client, { prefix: "rollup", count: MONITORS, ports: [9], intervalSeconds: 60, componentOf: (i) => `c${i % COMPONENTS}` });
  await client.query(`UPDATE "Monitor" SET "createdAt" = $1`, [longAgo]);
  await client.query(
    `INSERT INTO "MonitorStateChange" ("monitorId", "fromState", "toState", "reasonCodes", "changedAt") SELECT id, 'unknown', 'up', '{}', $1 FROM "Monitor"`,
    [longAgo],
  );
  await client.query(
    `INSERT INTO "CheckResult" ("monitorId", region, "slotAt", "checkedAt", state, "reasonCodes", "latencyMs")
     SELECT m.id, 'local', s, s, 'up', '{}', 20 + (random() * 80)::int FROM "Monitor" m, generate_series($1::timestamptz, $2::timestamptz, '60 s') s`,
    [new Date(T - 3 * HOUR), new Date(T + 15 * MINUTE)],
  );
  process.env.DATABASE_URL = database.url;
  // History ends where the raw results begin: hourly rollups up to T−3 h, daily ones up to T's day.
  await seedRollupHistory(client, new Date(T - 3 * HOUR), 60);
  await client.query("VACUUM ANALYZE");

  const counters = async () => {
    const { rows } = await client.query(`SELECT pg_current_wal_lsn()::text AS lsn, pg_total_relation_size('"MonitorRollup"')::bigint AS "rollupBytes"`);
    const { inserted, updated } = await rowCounters(client);
    return { written: inserted + updated, ...(rows[0] as { lsn: string; rollupBytes: string }) };
  };
  const loadAtStart = loadAverage();
  const figures: Record<string, string> = {};
  const times: number[] = [];
  for (const minutes of TICKS_MIN) {
    const now = new Date(T + minutes * MINUTE);
    const baselineStarted = performance.now();
    await client.query(
      `SELECT "monitorId", count(*), sum("latencyMs") FROM "CheckResult" WHERE "checkedAt" >= $1 AND "checkedAt" < $2 GROUP BY "monitorId"`,
      [new Date(T - HOUR), new Date(T)],
    );
    const baselineMs = performance.now() - baselineStarted;
    const before = await counters();
    const started = performance.now();
    await rollUpUptime(now);
    const ms = performance.now() - started;
    // Backends publish their row counts to the statistics at most once a second.
    await new Promise((resolve) => setTimeout(resolve, STATS_FLUSH_MS));
    const after = await counters();
    const { rows } = await client.query(`SELECT pg_wal_lsn_diff($1, $2)::bigint AS wal`, [after.lsn, before.lsn]);
    times.push(ms);
    const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
    figures[`T${minutes < 0 ? "−" : "+"}${Math.abs(minutes)} min`] =
      `${ms.toFixed(0)} ms (baseline ${baselineMs.toFixed(0)} ms, ${(ms / Math.max(1, baselineMs)).toFixed(1)}×), ` +
      `${(after.written - before.written).toLocaleString("en")} rows written, WAL ${mb(Number(rows[0].wal))} MB, ` +
      `monitors' rollups +${mb(Number(after.rollupBytes) - Number(before.rollupBytes))} MB`;
  }
  await disconnectDb();
  printFigures(
    `rollup benchmark: ${MONITORS.toLocaleString("en")} monitors at 60 s, ${COMPONENTS} components, ${os.cpus().length} cores, load average ${loadAtStart} at the first tick, ${loadAverage()} at the end`,
    { ...figures, "mean of the ticks after the first (ms)": (times.slice(1).reduce((a, b) => a + b, 0) / (times.length - 1)).toFixed(0) },
  );
} finally {
  await database.stop();
}
