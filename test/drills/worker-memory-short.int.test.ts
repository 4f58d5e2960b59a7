// Fault drill 8: a worker runs short of memory. It is started with a V8 heap far below the default
// (a small box's worker) and handed a burst of monitors at once, each with a large JSON assertion
// (30 KB, held with its check) and a target that answers slowly, so that hundreds of checks in
// flight together take more memory than the worker has — however fast the machine runs them. Pass: the worker sheds load — says so in its log
// and on /metrics (vigil_probe_load_shedding 1, a lower vigil_probe_concurrency_limit) — and keeps
// checking (results keep being stored after shedding began), instead of dying of "heap out of
// memory". (Climbing back is the policy's unit test's: it needs full GCs to see memory freed.)
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { HIGH_WATER } from "../../jobs/memory-pressure";
import { WORKER_NODE_ARGS } from "../../lib/runtime/worker-command";
import { freePort } from "../postgres-server";
import { connect, insertHttpMonitors, printFigures, startTargets, watchProcess } from "../vigil-processes";
import { count, drillRig, sleep } from "./drill-setup";

const MONITORS = 2000;
const INTERVAL_SECONDS = 10;
/** Targets answer after this long: every check holds its socket and state that long. */
const TARGET_DELAY_MS = 8_000;
const ASSERTION_BYTES = 30_000;
/** Idle, a worker (run through tsx) keeps 42–50 MB of old generation alive: well over half of the 64 MB (80 %) V8 lets it use. */
const OLD_SPACE_MB = 80;
const CONCURRENCY = 4000;
const rig = drillRig();

/** A worker from source through tsx (the heap OLD_SPACE_MB is sized for), with a small old-space cap. */
function startSmallWorker(databaseUrl: string, metricsPort: number) {
  const args = WORKER_NODE_ARGS.map((arg) => (arg.startsWith("--max-old-space-size=") ? `--max-old-space-size=${OLD_SPACE_MB}` : arg));
  const child = spawn(process.execPath, args, {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PROBE_ALLOW_PRIVATE_NETWORKS: "true",
      PROBE_CONCURRENCY: String(CONCURRENCY),
      PROBE_PER_HOST_CONCURRENCY: "1000",
      WORKER_METRICS_PORT: String(metricsPort),
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  return watchProcess("worker", child);
}

/** The worker's gauges from one scrape of its /metrics (undefined: not served yet). */
async function gauges(port: number): Promise<{ limit: number; shedding: number; pressure: number } | undefined> {
  const text = await fetch(`http://127.0.0.1:${port}/metrics`).then((response) => response.text()).catch(() => "");
  const value = (name: string) => Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, "m").exec(text)?.[1] ?? Number.NaN);
  const figures = { limit: value("vigil_probe_concurrency_limit"), shedding: value("vigil_probe_load_shedding"), pressure: value("vigil_worker_memory_pressure_ratio") };
  return Number.isNaN(figures.limit) ? undefined : figures;
}

describe("drill 8: a worker short of memory", () => {
  it("sheds load, says so, and keeps checking instead of dying", async () => {
    const databaseUrl = process.env.DATABASE_URL!;
    const client = (rig.client = await connect(databaseUrl));
    const targets = (rig.targets = await startTargets(4, { delayMs: TARGET_DELAY_MS }));
    const metricsPort = await freePort();
    const worker = startSmallWorker(databaseUrl, metricsPort);
    rig.processes.push(worker);
    let idle: Awaited<ReturnType<typeof gauges>>;
    // Read once the watch has taken its first reading (a pressure above 0).
    await expect.poll(async () => ((idle = await gauges(metricsPort))?.pressure ?? 0) > 0, { timeout: 60_000 }).toBe(true);
    expect(idle!.limit).toBe(CONCURRENCY);
    expect(idle!.pressure).toBeLessThan(HIGH_WATER); // the burst, not the idle worker, makes memory short

    await client.query("BEGIN");
    await insertHttpMonitors(client, { prefix: "d8", count: MONITORS, ports: targets.ports, intervalSeconds: INTERVAL_SECONDS, timeoutMs: 10_000 });
    await client.query(`UPDATE "Monitor" SET expectations = jsonb_build_object('json', jsonb_build_object('path', 'status', 'equals', repeat('x', $1::int)))`, [ASSERTION_BYTES]);
    await client.query("COMMIT");
    let shedding: Awaited<ReturnType<typeof gauges>>;
    await expect.poll(async () => (shedding = await gauges(metricsPort))?.shedding, { timeout: 90_000, interval: 1_000 }).toBe(1);
    const shedAt = new Date();
    const lowered = shedding!.limit;
    const storedBefore = await count(client, `SELECT count(*)::int AS n FROM "CheckResult"`);
    // Two intervals more while shedding: the worker must still be there and storing results.
    await sleep(2 * INTERVAL_SECONDS * 1000);
    const alive = worker.child.exitCode === null && worker.child.signalCode === null;
    const later = await gauges(metricsPort);
    const storedAfter = Number((await client.query(`SELECT count(*)::int AS n FROM "CheckResult" WHERE "checkedAt" > $1`, [shedAt])).rows[0].n);
    const output = worker.output();
    const shedLines = output.split("\n").filter((line) => line.includes("shedding load"));
    const recoveredLines = output.split("\n").filter((line) => line.includes("load shedding ended"));

    printFigures(`drill 8 — worker with --max-old-space-size=${OLD_SPACE_MB}, ${MONITORS} monitors at ${INTERVAL_SECONDS} s with ${ASSERTION_BYTES / 1000} KB JSON assertions, targets answering after ${TARGET_DELAY_MS / 1000} s`, {
      "concurrency limit configured → when shedding": `${CONCURRENCY} → ${lowered}`,
      "results stored before shedding": storedBefore,
      "results stored in the 20 s after": storedAfter,
      "worker alive": alive,
      "memory pressure idle → when shedding began → 20 s later": `${idle!.pressure.toFixed(2)} → ${shedding!.pressure.toFixed(2)} → ${later?.pressure.toFixed(2)}`,
      "concurrency limit 20 s later": later?.limit ?? "(no answer)",
      "shedding started / ended (log lines)": `${shedLines.length} / ${recoveredLines.length}`,
      "first log line": shedLines[0] ?? "(none)",
    });

    expect(alive, output.slice(-4000)).toBe(true);
    expect(output).not.toContain("heap out of memory");
    // One line when shedding starts and one when it ends, not one per step down or up.
    expect(shedLines.length, output.slice(-4000)).toBeGreaterThanOrEqual(1);
    expect(shedLines.length - recoveredLines.length).toBeOneOf([0, 1]);
    expect(lowered).toBeLessThan(CONCURRENCY);
    expect(storedAfter).toBeGreaterThan(0);
  }, 240_000);
});
