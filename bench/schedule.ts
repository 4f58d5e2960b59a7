// npm run bench:schedule — the probe scheduler under load: 10,000 HTTP monitors at 60 s against local
// targets, one real worker process, for BENCH_SECONDS (default 180). Prints schedule lag (due → start),
// checks/s against the ideal rate, missed slots, the worker's peak RSS and database rows written/s.
// Not a test: it prints figures. Targets (issue #3): p99 lag < 5 s, worker RSS < 300 MB.
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { parseDatabaseUrl } from "../lib/postgres/connection-config";
import { startEmbeddedPostgres } from "../lib/postgres/embedded";
import { slotPhaseMs } from "../lib/monitors/probe-slots";
import { applyMigrations } from "../lib/postgres/migrate";
import { WORKER_NODE_ARGS } from "../lib/runtime/worker-command";
import { freePort } from "../test/postgres-server";

const MONITORS = Number(process.env.BENCH_MONITORS ?? 10_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 180);
const INTERVAL = 60;
const TARGET_PORTS = 20;
const WARM_UP_MS = 15_000;

const dataDir = await mkdtemp(path.join(os.tmpdir(), "vigil-bench-"));
const server = await startEmbeddedPostgres({ dataDir, port: await freePort(), database: "vigil_bench" });
const client = new pg.Client(parseDatabaseUrl(server.url));
try {
  await applyMigrations(server.url);
  await client.connect();

  // Targets: plain HTTP servers on loopback, answering a small page.
  const targets = await Promise.all(
    Array.from({ length: TARGET_PORTS }, async () => {
      const target = http.createServer((_, response) => response.end("<html>ok</html>"));
      await new Promise<void>((resolve) => target.listen(0, "127.0.0.1", resolve));
      return target;
    }),
  );
  const ports = targets.map((target) => (target.address() as { port: number }).port);
  await client.query(
    `INSERT INTO "Monitor" (id, name, kind, target, "intervalSeconds", "timeoutMs", "updatedAt")
     SELECT 'bench-' || i, 'Bench ' || i, 'http', 'http://127.0.0.1:' || ($1::int[])[1 + i % $2] || '/m/' || i, $3, 5000, now()
     FROM generate_series(0, $4 - 1) AS i`,
    [ports, TARGET_PORTS, INTERVAL, MONITORS],
  );

  const before = await databaseCounters();
  const started = Date.now();
  const worker = spawn(process.execPath, WORKER_NODE_ARGS, {
    env: { ...process.env, DATABASE_URL: server.url, PROBE_ALLOW_PRIVATE_NETWORKS: "true", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  let peakRssMb = 0;
  const sampler = setInterval(async () => {
    const status = await readFile(`/proc/${worker.pid}/status`, "utf8").catch(() => "");
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    peakRssMb = Math.max(peakRssMb, kb / 1024);
  }, 500);
  console.log(`running ${MONITORS} monitors at ${INTERVAL} s for ${SECONDS} s…`);
  await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
  const stoppedAt = Date.now();
  worker.kill("SIGTERM");
  await new Promise((resolve) => worker.once("exit", resolve));
  clearInterval(sampler);
  const after = await databaseCounters();
  for (const target of targets) target.close();

  // Measure slots due between warm-up and stop, minus the longest check timeout, so every such
  // slot had its chance to run.
  const from = new Date(started + WARM_UP_MS);
  const to = new Date(stoppedAt - 6_000);
  const { rows } = await client.query(
    `SELECT count(*)::int AS checks,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM "checkedAt" - "slotAt")) AS p50,
            percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM "checkedAt" - "slotAt")) AS p99,
            max(extract(epoch FROM "checkedAt" - "slotAt")) AS max,
            count(*) FILTER (WHERE state <> 'up')::int AS not_up
     FROM "CheckResult" WHERE "slotAt" >= $1 AND "slotAt" < $2`,
    [from, to],
  );
  const measured = rows[0] as { checks: number; p50: number; p99: number; max: number; not_up: number };
  const windowSeconds = (to.getTime() - from.getTime()) / 1000;
  const idealPerSecond = MONITORS / INTERVAL;
  const checksPerSecond = measured.checks / windowSeconds;
  const elapsed = (stoppedAt - started) / 1000;
  const rowsPerSecond = (key: keyof typeof before) => ((after[key] - before[key]) / elapsed).toFixed(0);

  console.log(`\nschedule benchmark: ${MONITORS} monitors × ${INTERVAL} s, ${elapsed.toFixed(0)} s run, 1 worker, ${os.cpus().length} cores`);
  console.table({
    "checks/s (measured window)": checksPerSecond.toFixed(1),
    "ideal checks/s": idealPerSecond.toFixed(1),
    "ratio to ideal": (checksPerSecond / idealPerSecond).toFixed(3),
    "missed slots": expectedSlots(from, to) - measured.checks,
    "results not up": measured.not_up,
    "lag p50 (s)": Number(measured.p50).toFixed(3),
    "lag p99 (s)": Number(measured.p99).toFixed(3),
    "lag max (s)": Number(measured.max).toFixed(3),
    "worker peak RSS (MB)": peakRssMb.toFixed(0),
    "rows inserted/s": rowsPerSecond("inserted"),
    "rows updated/s": rowsPerSecond("updated"),
    "rows deleted/s": rowsPerSecond("deleted"),
  });
  console.log(`targets: p99 lag < 5 s → ${Number(measured.p99) < 5 ? "met" : "NOT met"}; worker RSS < 300 MB → ${peakRssMb < 300 ? "met" : "NOT met"}`);
} finally {
  await client.end().catch(() => {});
  await server.stop();
  await rm(dataDir, { recursive: true, force: true });
}

/** Exactly how many slots fell in [from, to), from each monitor's phase. */
function expectedSlots(from: Date, to: Date): number {
  const intervalMs = INTERVAL * 1000;
  let slots = 0;
  for (let i = 0; i < MONITORS; i++) {
    const phase = slotPhaseMs(`bench-${i}`, intervalMs);
    for (let at = Math.ceil((from.getTime() - phase) / intervalMs) * intervalMs + phase; at < to.getTime(); at += intervalMs) slots++;
  }
  return slots;
}

async function databaseCounters() {
  const { rows } = await client.query(
    `SELECT tup_inserted::bigint AS inserted, tup_updated::bigint AS updated, tup_deleted::bigint AS deleted
     FROM pg_stat_database WHERE datname = current_database()`,
  );
  const row = rows[0] as { inserted: string; updated: string; deleted: string };
  return { inserted: Number(row.inserted), updated: Number(row.updated), deleted: Number(row.deleted) };
}
