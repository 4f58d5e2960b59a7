// npm run bench:heap [-- --monitors 1000,10000 --interval 20 --cycles 3 --keep-snapshots]
// Memory per monitor: one real worker (jobs/start-worker.ts, in a process of its own with
// --expose-gc and the production heap flags) probes N HTTPS monitors at `interval` seconds against
// one local HTTPS target (the fixture zoo's https://valid.localhost/ok, its own process). After
// `cycles` intervals at the first N, it collects garbage until the heap stops shrinking and takes
// the heap in use and a heap snapshot; then monitors are added up to the next N and the same is
// done; at the largest N it measures once more after as many cycles again, so a heap that grows
// with history (not with monitors) shows. Prints the heap at each point, bytes per monitor =
// (heap(N2) − heap(N1)) / (N2 − N1), heap growth per cycle at the largest N, the constructors that
// grew most per added monitor, checks stored per window (it really was probing) and the load average.
// --keep-snapshots keeps the .heapsnapshot files (for Chrome DevTools) and prints their folder.
// Not a test: it prints figures. Target (issue #18): memory per monitor stays flat.
import { fork } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { WORKER_HEAP_ARGS } from "../lib/runtime/worker-command";
import { insertHttpMonitors, loadAverage, printFigures } from "../test/vigil-processes";
import { startBenchDatabase } from "./bench-database";
import { startFixture } from "./fixture-zoo";
import { summarizeHeapSnapshot, topGrowth, type ConstructorTotals, type HeapSnapshot } from "./heap-snapshot-summary";

const Options = z.object({
  monitors: z
    .string()
    .transform((value) => value.split(",").map(Number))
    .pipe(z.array(z.number().int().min(1).max(50_000)).min(2))
    .default([1_000, 10_000]),
  interval: z.coerce.number().int().min(10).max(3600).default(20),
  cycles: z.coerce.number().int().min(1).max(100).default(3),
  "keep-snapshots": z.boolean().default(false),
});
const { values } = parseArgs({
  options: { monitors: { type: "string" }, interval: { type: "string" }, cycles: { type: "string" }, "keep-snapshots": { type: "boolean" } },
});
const parsed = Options.safeParse(values);
if (!parsed.success) {
  console.error(`bench:heap: ${parsed.error.issues.map((issue) => `--${issue.path.join(".")}: ${issue.message}`).join("; ")}`);
  process.exit(64);
}
const { monitors: SIZES, interval: INTERVAL_SECONDS, cycles: CYCLES, "keep-snapshots": KEEP_SNAPSHOTS } = parsed.data;
if (SIZES.some((size, i) => i > 0 && size <= SIZES[i - 1]!)) {
  console.error("bench:heap: --monitors must grow (e.g. 1000,10000)");
  process.exit(64);
}

type Measurement = { monitors: number; heapBytes: number; rssBytes: number; checks: number; totals: ConstructorTotals };
const MB = 1024 * 1024;

const database = await startBenchDatabase("vigil_heap");
const fixture = await startFixture();
const scratch = await mkdtemp(path.join(os.tmpdir(), "vigil-heap-"));
const caFile = path.join(scratch, "root-ca.pem");
await writeFile(caFile, fixture.rootCaPem);
const worker = fork(path.join(import.meta.dirname, "heap-worker-process.ts"), {
  execArgv: [...WORKER_HEAP_ARGS, "--expose-gc", "--import", "tsx", "--conditions=react-server"],
  env: {
    ...process.env,
    DATABASE_URL: database.url,
    PROBE_ALLOW_PRIVATE_NETWORKS: "true",
    NODE_EXTRA_CA_CERTS: caFile,
    LOG_LEVEL: "warn",
  },
  stdio: ["ignore", "inherit", "inherit", "ipc"],
});
const answer = <T>() => new Promise<T>((resolve) => worker.once("message", (message) => resolve(message as T)));
const sleep = (seconds: number) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));

let snapshots = 0;
async function measure(monitors: number, since: Date): Promise<Measurement> {
  const file = path.join(scratch, `${(snapshots += 1)}.heapsnapshot`);
  worker.send({ measure: file });
  const { heapBytes, rssBytes } = await answer<{ heapBytes: number; rssBytes: number }>();
  const totals = summarizeHeapSnapshot(JSON.parse(await readFile(file, "utf8")) as HeapSnapshot);
  if (!KEEP_SNAPSHOTS) await rm(file);
  const { rows } = await database.client.query(`SELECT count(*)::int AS n FROM "CheckResult" WHERE "checkedAt" >= $1`, [since]);
  return { monitors, heapBytes, rssBytes, checks: Number(rows[0].n), totals };
}

try {
  await answer<"ready">();
  console.log(`${os.cpus().length} CPUs; ${SIZES.join(" → ")} HTTPS monitors at ${INTERVAL_SECONDS} s, ${CYCLES} cycles (${CYCLES * INTERVAL_SECONDS} s) per step`);
  const measurements: Measurement[] = [];
  let inserted = 0;
  for (const size of SIZES) {
    await insertHttpMonitors(database.client, { prefix: `heap${size}`, count: size - inserted, ports: [], intervalSeconds: INTERVAL_SECONDS, url: `https://valid.localhost:${fixture.httpsPort}/ok` });
    inserted = size;
    const since = new Date();
    await sleep(CYCLES * INTERVAL_SECONDS);
    measurements.push(await measure(size, since));
  }
  const since = new Date();
  await sleep(CYCLES * INTERVAL_SECONDS);
  const later = await measure(inserted, since);

  const first = measurements[0]!;
  const last = measurements.at(-1)!;
  const perMonitor = (last.heapBytes - first.heapBytes) / (last.monitors - first.monitors);
  const figures: Record<string, string | number> = {};
  for (const m of [...measurements, later]) {
    figures[`${m.monitors.toLocaleString("en")} monitors${m === later ? `, ${CYCLES} cycles later` : ""}: heap · RSS MB, checks stored`] =
      `${(m.heapBytes / MB).toFixed(1)} · ${(m.rssBytes / MB).toFixed(0)}, ${m.checks.toLocaleString("en")} (of ${(m.monitors * CYCLES).toLocaleString("en")} due)`;
  }
  figures["bytes per monitor (heap)"] = perMonitor.toFixed(0);
  figures[`heap growth per cycle at ${inserted.toLocaleString("en")} monitors, bytes per monitor`] = ((later.heapBytes - last.heapBytes) / CYCLES / inserted).toFixed(1);
  figures["load average 1/5/15 min"] = loadAverage();
  printFigures(`bench:heap — memory per monitor`, figures);
  console.log(`\nGrew most per added monitor (${first.monitors} → ${last.monitors}):`);
  console.table(topGrowth(first.totals, last.totals, last.monitors - first.monitors).map((row) => ({ constructor: row.key, "objects/monitor": row.objectsPer.toFixed(2), "bytes/monitor": row.bytesPer.toFixed(0) })));
  console.log(`\nGrew most with history (${CYCLES} more cycles at ${inserted}), per monitor:`);
  console.table(topGrowth(last.totals, later.totals, inserted, 8).map((row) => ({ constructor: row.key, "objects/monitor": row.objectsPer.toFixed(3), "bytes/monitor": row.bytesPer.toFixed(1) })));
} finally {
  worker.send("stop");
  await new Promise((resolve) => worker.once("exit", resolve));
  fixture.stop();
  await database.stop();
  if (KEEP_SNAPSHOTS) console.log(`\nheap snapshots kept in ${scratch}`);
  else await rm(scratch, { recursive: true, force: true });
}
