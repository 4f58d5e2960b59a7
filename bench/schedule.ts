// npm run bench:schedule — the probe scheduler under load: 10,000 HTTP monitors at 60 s against local
// targets, one real worker process, for BENCH_SECONDS (default 180). Prints schedule lag (due → start),
// checks/s against the ideal rate, missed slots, the worker's peak RSS and database rows written/s.
// Not a test: it prints figures. Targets (issue #3): p99 lag < 5 s, worker RSS < 300 MB.
import os from "node:os";
import { expectedSlots, insertHttpMonitors, sampleRss, startTargets, startWorker } from "../test/vigil-processes";
import { rowCounters, scheduleLag, startBenchDatabase } from "./bench-database";

const MONITORS = Number(process.env.BENCH_MONITORS ?? 10_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 180);
const INTERVAL = 60;
const TARGET_PORTS = 20;
const WARM_UP_MS = 15_000;

const database = await startBenchDatabase("vigil_bench");
const { client } = database;
try {
  // Targets: plain HTTP servers on loopback, answering a small page.
  const targets = await startTargets(TARGET_PORTS);
  const ids = await insertHttpMonitors(client, { prefix: "bench", count: MONITORS, ports: targets.ports, intervalSeconds: INTERVAL });

  const before = await rowCounters(client);
  const started = Date.now();
  const worker = startWorker("worker", database.url, { LOG_LEVEL: "warn" }, false);
  const rss = sampleRss(() => [worker]);
  console.log(`running ${MONITORS} monitors at ${INTERVAL} s for ${SECONDS} s…`);
  await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
  const stoppedAt = Date.now();
  await worker.stop();
  rss.stop();
  const after = await rowCounters(client);
  await targets.close();

  // Measure slots due between warm-up and stop, minus the longest check timeout, so every such
  // slot had its chance to run.
  const from = new Date(started + WARM_UP_MS);
  const to = new Date(stoppedAt - 6_000);
  const measured = await scheduleLag(client, from, to);
  const windowSeconds = (to.getTime() - from.getTime()) / 1000;
  const idealPerSecond = MONITORS / INTERVAL;
  const checksPerSecond = measured.checks / windowSeconds;
  const elapsed = (stoppedAt - started) / 1000;
  const rowsPerSecond = (key: keyof typeof before) => ((after[key] - before[key]) / elapsed).toFixed(0);
  const peakRssMb = rss.peakMb("worker");

  console.log(`\nschedule benchmark: ${MONITORS} monitors × ${INTERVAL} s, ${elapsed.toFixed(0)} s run, 1 worker, ${os.cpus().length} cores`);
  console.table({
    "checks/s (measured window)": checksPerSecond.toFixed(1),
    "ideal checks/s": idealPerSecond.toFixed(1),
    "ratio to ideal": (checksPerSecond / idealPerSecond).toFixed(3),
    "missed slots": expectedSlots(ids, INTERVAL, from, to) - measured.checks,
    "results not up": measured.notUp,
    "lag p50 (s)": measured.p50.toFixed(3),
    "lag p99 (s)": measured.p99.toFixed(3),
    "lag max (s)": measured.max.toFixed(3),
    "worker peak RSS (MB)": peakRssMb.toFixed(0),
    "rows inserted/s": rowsPerSecond("inserted"),
    "rows updated/s": rowsPerSecond("updated"),
    "rows deleted/s": rowsPerSecond("deleted"),
  });
  console.log(`targets: p99 lag < 5 s → ${measured.p99 < 5 ? "met" : "NOT met"}; worker RSS < 300 MB → ${peakRssMb < 300 ? "met" : "NOT met"}`);
} finally {
  await database.stop();
}
