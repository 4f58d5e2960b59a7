// Fault drill 7: `npm start` (the launcher, its web and worker processes) serving the page under
// load while its worker is killed with kill -9 (then its web process, for the restart alone). Pass: not one page request fails, the launcher
// starts the worker again after 1 s (logged, counted on /metrics; back within 10 s on a quiet
// machine — polled with a generous deadline, the figure printed), and checks go on: no slot
// checked twice, every slot due after the restart recorded, and of the slots still runnable when
// the worker is back, the only ones lost are those the dead worker held in flight.
import { spawn } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LAUNCHER_NODE_ARGS } from "../../lib/runtime/worker-command";
import { freePort } from "../postgres-server";
import { compiledEntry, connect, expectedSlots, heldProbeSlots, insertHttpMonitors, printFigures, startTargets, watchProcess, type VigilProcess } from "../vigil-processes";
import { count, drillRig, sleep } from "./drill-setup";

const MONITORS = 100;
const INTERVAL_SECONDS = 10;
/** Targets answer after this long, so the worker always holds checks in flight when it dies. */
const TARGET_DELAY_MS = 1_000;
const PAGE_CLIENTS = 4;
const rig = drillRig();

/** The launcher as a user starts it, with its output kept. */
function startLauncher(env: Record<string, string>): VigilProcess {
  const child = spawn(process.execPath, compiledEntry("start", LAUNCHER_NODE_ARGS), {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return watchProcess("launcher", child);
}

/** Direct children of `parent`, with their command lines. */
async function childrenOf(parent: number): Promise<{ pid: number; cmdline: string }[]> {
  const found: { pid: number; cmdline: string }[] = [];
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, "utf8").catch(() => "");
    if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) !== parent) continue;
    found.push({ pid: Number(entry), cmdline: (await readFile(`/proc/${entry}/cmdline`, "utf8").catch(() => "")).replaceAll("\0", " ") });
  }
  return found;
}

type PageOutcome = { at: number; status: number | "error" };

async function loadPage(url: string, until: () => boolean, outcomes: PageOutcome[]): Promise<void> {
  while (!until()) {
    const at = Date.now();
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
      await response.arrayBuffer();
      outcomes.push({ at, status: response.status });
    } catch {
      outcomes.push({ at, status: "error" });
    }
    await sleep(50);
  }
}

describe("drill 7: the worker of `npm start` killed with kill -9 under page load", () => {
  it("keeps the page up, restarts the worker (within 10 s on a quiet machine), and loses only the checks it held", async () => {
    const databaseUrl = process.env.DATABASE_URL!;
    const client = (rig.client = await connect(databaseUrl));
    const targets = (rig.targets = await startTargets(5, { recordHits: true, delayMs: TARGET_DELAY_MS }));
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "vigil-drill7-"));
    rig.cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const port = await freePort();
    const launcher = startLauncher({
      DATABASE_URL: databaseUrl,
      VIGIL_PROCESS_MODE: "split",
      PORT: String(port),
      DATA_DIR: dataDir,
      VIGIL_CONFIG: path.join(dataDir, "none.yaml"),
      WORKER_HEARTBEAT_SECONDS: "1",
      PROBE_ALLOW_PRIVATE_NETWORKS: "true",
      PROBE_CANARY_URLS: `http://127.0.0.1:${targets.ports[0]}/health`,
      LOG_LEVEL: "warn",
    });
    rig.processes.push(launcher);
    const base = `http://127.0.0.1:${port}`;
    await expect.poll(() => launcher.output(), { timeout: 180_000, interval: 500 }).toContain("Press Ctrl-C to stop.");

    const ids = await insertHttpMonitors(client, { prefix: "d7", count: MONITORS, ports: targets.ports, intervalSeconds: INTERVAL_SECONDS, timeoutMs: 3000 });
    const recordedOf = `SELECT count(*)::int AS n FROM "CheckResult" WHERE "monitorId" LIKE 'd7-%'`;
    await expect.poll(() => count(client, recordedOf), { timeout: 30_000 }).toBeGreaterThan(0);

    const outcomes: PageOutcome[] = [];
    let stopAt = Number.POSITIVE_INFINITY;
    const until = () => Date.now() >= stopAt;
    const clients = Array.from({ length: PAGE_CLIENTS }, () => loadPage(`${base}/`, until, outcomes));
    await sleep(1.5 * INTERVAL_SECONDS * 1000);

    const victim = (await client.query<{ pid: number }>(`SELECT pid FROM "WorkerHeartbeat" ORDER BY "lastSeenAt" DESC LIMIT 1`)).rows[0]!.pid;
    const killedAt = new Date();
    process.kill(victim, "SIGKILL");
    // Back = a new worker process beating. The aim is 10 s (restarted after 1 s, then its start-up);
    // polled with a generous deadline, since start-up time is the machine's, and the figure printed.
    const restarted = () => count(client, `SELECT count(*)::int AS n FROM "WorkerHeartbeat" WHERE pid <> ${victim} AND "lastSeenAt" > '${killedAt.toISOString()}'`);
    await expect.poll(restarted, { timeout: 30_000, interval: 250 }).toBeGreaterThan(0).catch((error: Error) => {
      throw new Error(`${error.message}: worker not back within 30 s\n${launcher.output()}`);
    });
    const backAt = new Date();
    await sleep(3 * INTERVAL_SECONDS * 1000);
    stopAt = Date.now();
    await Promise.all(clients);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    const endedAt = new Date();

    // The web process is supervised the same way: killed, it serves again, and its new process
    // still knows the launcher's counts (they reach /metrics over IPC, not from its own memory).
    const web = (await childrenOf(launcher.child.pid!)).find((child) => child.cmdline.includes("dist/web.js"))!;
    process.kill(web.pid, "SIGKILL");
    await expect.poll(() => launcher.output(), { timeout: 10_000 }).toMatch(new RegExp(`web \\(pid ${web.pid}\\) exited unexpectedly \\(SIGKILL\\)`));
    const restartedMetrics = async () => (await fetch(`${base}/metrics`, { signal: AbortSignal.timeout(5_000) }).then((response) => response.text()).catch(() => ""));
    await expect.poll(restartedMetrics, { timeout: 60_000, interval: 500 }).toMatch(/vigil_process_restarts_total\{process="web",role="web"\} 1\n/);
    const metricsAfterWebRestart = await restartedMetrics();
    expect((await fetch(`${base}/`)).status).toBe(200);
    await launcher.stop();

    const { rows: results } = await client.query<{ monitorId: string; slotAt: Date }>(
      `SELECT "monitorId", "slotAt" FROM "CheckResult" WHERE "monitorId" LIKE 'd7-%' ORDER BY "slotAt"`,
    );
    const inWindow = (from: Date, to: Date) => results.filter((r) => r.slotAt >= from && r.slotAt < to).length;
    // Every slot due from one interval after the restart on is recorded (minus the check timeout at the end).
    const steadyFrom = new Date(backAt.getTime() + INTERVAL_SECONDS * 1000);
    const steadyTo = new Date(endedAt.getTime() - 5_000);
    const missingAfterRestart = expectedSlots(ids, INTERVAL_SECONDS, steadyFrom, steadyTo) - inWindow(steadyFrom, steadyTo);
    const aroundFrom = new Date(killedAt.getTime() - INTERVAL_SECONDS * 1000);
    const lostAroundKill = expectedSlots(ids, INTERVAL_SECONDS, aroundFrom, steadyFrom) - inWindow(aroundFrom, steadyFrom);
    // A slot's job is kept one interval (jobs/probe-planner.ts) and a restarted planner plans the
    // windows it may have missed: slots older than an interval when the worker came back were lost
    // to the downtime itself (none when it is back within 10 s); of the rest, only the checks the
    // dead worker held may be missing.
    const runnableFrom = new Date(Math.max(aroundFrom.getTime(), backAt.getTime() - INTERVAL_SECONDS * 1000 + 1000));
    const lostRunnable = expectedSlots(ids, INTERVAL_SECONDS, runnableFrom, steadyFrom) - inWindow(runnableFrom, steadyFrom);
    // The dead worker's checks in flight: the slots of the jobs it took and never finished.
    const held = await heldProbeSlots(client, "d7-");
    const heldByVictim = [...held.values()].reduce((sum, n) => sum + n, 0);
    const recordedPerMonitor = new Map<string, number>();
    for (const result of results) recordedPerMonitor.set(result.monitorId, (recordedPerMonitor.get(result.monitorId) ?? 0) + 1);
    let checkedTwice = 0;
    for (const [url, times] of targets.hits) {
      if (!url.startsWith("/m/d7-")) continue;
      const monitorId = url.slice("/m/".length);
      checkedTwice += Math.max(0, times.length - (recordedPerMonitor.get(monitorId) ?? 0) - (held.get(monitorId) ?? 0));
    }
    const failedPages = outcomes.filter((outcome) => outcome.status !== 200);
    const duringOutage = outcomes.filter((outcome) => outcome.at >= killedAt.getTime() && outcome.at <= backAt.getTime());

    printFigures("drill 7 — npm start's worker killed (kill -9) under page load", {
      "page requests (total / while the worker was down)": `${outcomes.length} / ${duringOutage.length}`,
      "failed page requests": failedPages.length,
      "worker back after (s, polled)": ((backAt.getTime() - killedAt.getTime()) / 1000).toFixed(1),
      "results recorded": results.length,
      "slots lost around the kill (all / still runnable when back)": `${lostAroundKill} / ${lostRunnable}`,
      "checks held by the dead worker": heldByVictim,
      "slots missing after the restart": missingAfterRestart,
      "slots checked twice": checkedTwice,
    });

    expect(failedPages).toEqual([]);
    expect(duringOutage.length).toBeGreaterThan(0);
    expect(launcher.output()).toMatch(new RegExp(`worker \\(pid ${victim}\\) exited unexpectedly \\(SIGKILL\\) after [\\d.]+ s; restarting it in 1 s \\(restart 1\\)`));
    expect(launcher.output()).toMatch(/worker restarted \(pid \d+\)/);
    expect(metrics).toMatch(/vigil_process_restarts_total\{process="worker",role="web"\} 1\n/);
    expect(metrics).toMatch(/vigil_process_restarts_total\{process="web",role="web"\} 0\n/);
    expect(metricsAfterWebRestart).toMatch(/vigil_process_restarts_total\{process="worker",role="web"\} 1\n/);
    expect(await launcher.exited).toBe(0);
    expect(missingAfterRestart).toBe(0);
    expect(checkedTwice).toBe(0);
    expect(lostRunnable).toBeLessThanOrEqual(heldByVictim);
  }, 300_000);
});
