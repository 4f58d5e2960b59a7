// npm run bench:scale [-- --minutes N] — Vigil scaled out on one machine: 10,000 HTTP monitors at
// 60 s against local targets, 2 worker processes + 1 web process on one PostgreSQL, for 5 minutes
// (default; --minutes for a shorter trial), with 50 requests/s on the public page throughout.
// Prints schedule lag p50/p99, checks/s and results written/s (against the ideal rate), worker and
// web peak RSS, public-page p50/p99 (against a same-run baseline with the workers not yet started),
// database growth per hour per table, bytes per row, and the projected steady-state database size
// at the default retention (bench/storage-projection.ts). Not a test: it prints figures.
// Targets (issue #8): p99 lag < 5 s, page p99 < 100 ms, worker RSS < 300 MB each.
import os from "node:os";
import { parseArgs } from "node:util";
import { z } from "zod";
import { disconnectDb } from "../lib/db";
import { ensureBuilt } from "../test/ensure-built";
import { freePort } from "../test/postgres-server";
import {
  expectedSlots,
  insertHttpMonitors,
  percentile,
  printFigures,
  sampleRss,
  startTargets,
  startWeb,
  startWorker,
  waitForOk,
  type VigilProcess,
} from "../test/vigil-processes";
import { parseEnv } from "../lib/env";
import { databaseBytes, rowCounters, scheduleLag, startBenchDatabase } from "./bench-database";
import { DAILY_HISTORY_DAYS, HOURLY_HISTORY_DAYS, seedRollupHistory } from "./seed-rollup-history";
import { projectSteadyState } from "./storage-projection";

const Options = z.object({
  minutes: z.coerce.number().min(1).max(120).default(5),
  monitors: z.coerce.number().int().min(100).max(100_000).default(10_000),
  workers: z.coerce.number().int().min(1).max(8).default(2),
  rate: z.coerce.number().min(1).max(1000).default(50),
});
const { values } = parseArgs({
  options: { minutes: { type: "string" }, monitors: { type: "string" }, workers: { type: "string" }, rate: { type: "string" } },
});
const parsed = Options.safeParse(values);
if (!parsed.success) {
  console.error(`bench:scale: ${parsed.error.issues.map((issue) => `--${issue.path.join(".")}: ${issue.message}`).join("; ")}`);
  process.exit(64);
}
const { minutes, monitors: MONITORS, workers: WORKERS, rate: RATE } = parsed.data;

const INTERVAL = 60;
const TARGET_PORTS = 20;
const COMPONENTS = 40;
const PAGE_WARM_UP_MS = 15_000;
const BASELINE_MS = 20_000;
const WARM_UP_MS = 30_000;
const REQUEST_TIMEOUT_MS = 10_000;

type PageSample = { at: number; ms: number; status: number | "error" };

/** Open-loop load: one request every 1000/rate ms regardless of how slow the answers are. */
function loadPage(url: string, rate: number, samples: PageSample[]): { stop(): Promise<void> } {
  const pending = new Set<Promise<void>>();
  const timer = setInterval(() => {
    const at = Date.now();
    const started = performance.now();
    // An explicit timer, not AbortSignal.timeout(): that signal's timer does not keep itself alive,
    // and a request the server never answers must end as a failure, not hang the bench.
    const abort = new AbortController();
    const timeout = setTimeout(() => abort.abort(), REQUEST_TIMEOUT_MS);
    const request = fetch(url, { signal: abort.signal })
      .then(async (response) => {
        await response.arrayBuffer();
        samples.push({ at, ms: performance.now() - started, status: response.status });
      })
      .catch(() => void samples.push({ at, ms: performance.now() - started, status: "error" }))
      .finally(() => {
        clearTimeout(timeout);
        pending.delete(request);
      });
    pending.add(request);
  }, 1000 / rate);
  return {
    async stop() {
      clearInterval(timer);
      await Promise.all(pending);
    },
  };
}

function pageFigures(samples: PageSample[]) {
  const ok = samples.filter((sample) => sample.status === 200).map((sample) => sample.ms);
  return {
    requests: samples.length,
    failed: samples.length - ok.length,
    p50: percentile(ok, 0.5),
    p99: percentile(ok, 0.99),
  };
}

// A promise nothing will ever settle would let Node exit quietly mid-run: say where it happened.
let stage = "building";
process.on("beforeExit", () => {
  if (stage === "done") return;
  console.error(`bench:scale: ended while ${stage}, with nothing left to wait for`);
  process.exitCode = 1;
});

await ensureBuilt();
stage = "seeding";
const database = await startBenchDatabase("vigil_scale");
const { client } = database;
const processes: VigilProcess[] = [];
try {
  const targets = await startTargets(TARGET_PORTS);
  // A realistic page: 40 components in 4 groups, each rolled up from 250 monitors.
  await client.query(`INSERT INTO "Page" (id, name, "updatedAt") VALUES ('page', 'Scale bench', now())`);
  await client.query(
    `INSERT INTO "ComponentGroup" (id, name, position, "updatedAt") SELECT 'g' || g, 'Group ' || g, g, now() FROM generate_series(0, 3) g`,
  );
  await client.query(
    `INSERT INTO "Component" (id, name, "groupId", position, "updatedAt")
     SELECT 'c' || c, 'Component ' || c, 'g' || (c % 4), c, now() FROM generate_series(0, $1 - 1) c`,
    [COMPONENTS],
  );
  const ids = await insertHttpMonitors(client, {
    prefix: "scale",
    count: MONITORS,
    ports: targets.ports,
    intervalSeconds: INTERVAL,
    componentOf: (i) => `c${i % COMPONENTS}`,
  });
  // The component latency rollup is Vigil's own code (lib/status), run here on the seeded buckets.
  process.env.DATABASE_URL = database.url;
  const seededRows = await seedRollupHistory(client, new Date(), INTERVAL);
  await disconnectDb();
  await client.query("VACUUM ANALYZE");
  console.log(`seeded ${seededRows.toLocaleString("en")} rollup rows: ${HOURLY_HISTORY_DAYS} days hourly, ${DAILY_HISTORY_DAYS} days daily`);

  stage = "starting the web instance";
  const port = await freePort();
  const web = startWeb("web", database.url, port, { LOG_LEVEL: "warn" }, false);
  processes.push(web);
  const pageUrl = `http://127.0.0.1:${port}/`;
  await waitForOk(pageUrl, web, 120_000);

  // A fresh Next server compiles and caches on its first requests: warm it before measuring.
  const warmUp = loadPage(pageUrl, RATE, []);
  await new Promise((resolve) => setTimeout(resolve, PAGE_WARM_UP_MS));
  await warmUp.stop();
  console.log(`baseline: ${RATE} req/s on the public page for ${BASELINE_MS / 1000} s, no workers…`);
  const baselineSamples: PageSample[] = [];
  const baselineLoad = loadPage(pageUrl, RATE, baselineSamples);
  await new Promise((resolve) => setTimeout(resolve, BASELINE_MS));
  await baselineLoad.stop();

  console.log(`running ${MONITORS} monitors at ${INTERVAL} s with ${WORKERS} workers + 1 web, ${RATE} req/s on the page, for ${minutes} min…`);
  const sizeBefore = await databaseBytes(client);
  const countersBefore = await rowCounters(client);
  const started = Date.now();
  for (let i = 1; i <= WORKERS; i++) processes.push(startWorker(`worker-${i}`, database.url, { LOG_LEVEL: "warn", PUBLIC_URL: `http://127.0.0.1:${port}` }, false));
  const rss = sampleRss(() => processes);
  stage = "running";
  const loadSamples: PageSample[] = [];
  const load = loadPage(pageUrl, RATE, loadSamples);
  await new Promise((resolve) => setTimeout(resolve, minutes * 60_000));
  stage = "stopping the page load and the workers";
  console.log(`${stage}…`);
  await load.stop();
  const stoppedAt = Date.now();
  await Promise.all(processes.filter((process_) => process_.name !== "web").map((worker) => worker.stop()));
  stage = "reading the figures";
  console.log(`${stage}…`);
  rss.stop();
  const countersAfter = await rowCounters(client);
  const sizeAfter = await databaseBytes(client);
  await web.stop();
  await targets.close();

  // Slots due after warm-up and before the stop (minus the longest check timeout).
  const from = new Date(started + WARM_UP_MS);
  const to = new Date(stoppedAt - 6_000);
  const lag = await scheduleLag(client, from, to);
  const windowSeconds = (to.getTime() - from.getTime()) / 1000;
  const elapsedSeconds = (stoppedAt - started) / 1000;
  const ideal = MONITORS / INTERVAL;
  const checksPerSecond = lag.checks / windowSeconds;
  const resultsWritten = (await client.query(`SELECT count(*)::int AS n FROM "CheckResult"`)).rows[0].n as number;
  const baseline = pageFigures(baselineSamples);
  const underLoad = pageFigures(loadSamples.filter((sample) => sample.at >= started + WARM_UP_MS));
  const workerPeaks = processes.filter((process_) => process_.name !== "web").map((worker) => rss.peakMb(worker.name));
  const perHourMb = (key: keyof typeof sizeAfter) => (((sizeAfter[key] - sizeBefore[key]) / elapsedSeconds) * 3600) / 1024 / 1024;
  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
  const gb = (bytes: number) => (bytes / 1024 ** 3).toFixed(2);
  const bytesPer = (bytes: "monitorRollups" | "componentRollups", rows: "monitorRollupRows" | "componentRollupRows") => sizeAfter[bytes] / Math.max(1, sizeAfter[rows]);
  const bytesPerResult = (sizeAfter.checkResults - sizeBefore.checkResults) / Math.max(1, sizeAfter.checkResultRows - sizeBefore.checkResultRows);
  const projection = projectSteadyState({
    monitors: MONITORS,
    intervalSeconds: INTERVAL,
    components: COMPONENTS,
    bytesPerResult,
    bytesPerMonitorRollup: bytesPer("monitorRollups", "monitorRollupRows"),
    bytesPerComponentRollup: bytesPer("componentRollups", "componentRollupRows"),
    otherBytes: sizeAfter.total - sizeAfter.checkResults - sizeAfter.monitorRollups - sizeAfter.componentRollups,
    config: parseEnv({}),
  });

  printFigures(
    `scale benchmark: ${MONITORS} monitors × ${INTERVAL} s, ${WORKERS} workers + 1 web, ${RATE} req/s on the page, ${(elapsedSeconds / 60).toFixed(1)} min, ${os.cpus().length} cores, load average ${os.loadavg().map((load_) => load_.toFixed(1)).join(" ")}`,
    {
      "schedule lag p50 / p99 / max (s)": `${lag.p50.toFixed(3)} / ${lag.p99.toFixed(3)} / ${lag.max.toFixed(3)}`,
      "checks/s (ideal, ratio)": `${checksPerSecond.toFixed(1)} (${ideal.toFixed(1)}, ${(checksPerSecond / ideal).toFixed(3)})`,
      "missed slots": expectedSlots(ids, INTERVAL, from, to) - lag.checks,
      "results not up": lag.notUp,
      "results written/s (whole run)": (resultsWritten / elapsedSeconds).toFixed(1),
      "rows inserted / updated per s": `${((countersAfter.inserted - countersBefore.inserted) / elapsedSeconds).toFixed(0)} / ${((countersAfter.updated - countersBefore.updated) / elapsedSeconds).toFixed(0)}`,
      "worker peak RSS (MB)": workerPeaks.map((mb) => mb.toFixed(0)).join(", "),
      "web peak RSS (MB)": rss.peakMb("web").toFixed(0),
      "page p50 / p99, baseline (ms)": `${baseline.p50.toFixed(1)} / ${baseline.p99.toFixed(1)} (${baseline.requests} requests, ${baseline.failed} failed)`,
      "page p50 / p99, under load (ms)": `${underLoad.p50.toFixed(1)} / ${underLoad.p99.toFixed(1)} (${underLoad.requests} requests, ${underLoad.failed} failed or timed out after ${REQUEST_TIMEOUT_MS / 1000} s)`,
      "page p99 ratio to baseline": (underLoad.p99 / baseline.p99).toFixed(2),
      // The queue's tables are bounded (a few jobs per second, deleted within minutes), so over a
      // short run they only inflate the total: check results are what grows until retention.
      "database growth per hour (MB)": `${perHourMb("total").toFixed(0)} total, of which check results ${perHourMb("checkResults").toFixed(0)}, monitor rollups ${perHourMb("monitorRollups").toFixed(0)}, component rollups ${perHourMb("componentRollups").toFixed(0)}, pg-boss queue ${perHourMb("queue").toFixed(0)}`,
      "pg-boss queue size before / after (MB)": `${mb(sizeBefore.queue)} / ${mb(sizeAfter.queue)}`,
      "bytes per check result / monitor rollup / component rollup (with indexes)": `${bytesPerResult.toFixed(0)} / ${bytesPer("monitorRollups", "monitorRollupRows").toFixed(0)} / ${bytesPer("componentRollups", "componentRollupRows").toFixed(0)}`,
      [`projected steady state at ${MONITORS} monitors (default retention; raw results kept ${projection.resultHours.toFixed(0)} h)`]:
        `${gb(projection.total)} GB: results ${gb(projection.results)}, monitor rollups ${gb(projection.monitorRollups)}, component rollups ${gb(projection.componentRollups)}, the rest ${gb(projection.other)}`,
    },
  );
  console.log(
    `targets: p99 lag < 5 s → ${lag.p99 < 5 ? "met" : "NOT met"}; page p99 < 100 ms → ${underLoad.p99 < 100 ? "met" : "NOT met"}; worker RSS < 300 MB each → ${workerPeaks.every((peak) => peak < 300) ? "met" : "NOT met"}; projected database ≤ 20 GB → ${projection.total <= 20 * 1024 ** 3 ? "met" : "NOT met"}`,
  );
} finally {
  stage = "stopping";
  await Promise.all(processes.map((process_) => process_.stop(5_000)));
  await database.stop();
  stage = "done";
}
