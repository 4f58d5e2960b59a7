// npm run bench:footprint [-- --monitors 100,1000,5000 --window 120 --warmup 60 --modes single,split]
// (--monitors 0: the idle install, every monitor paused.)
// What a whole install costs: `npm start` as a user runs it (compiled, embedded PostgreSQL), with
// N HTTPS monitors at 20 s against one local HTTPS target (the fixture zoo's
// https://valid.localhost/ok, a fresh TLS handshake per check), in the all-in-one and the split
// mode. After a warm-up, over a window: checks/s against the expected N/20, CPU (utime+stime from
// /proc, children reaped by their parent included) as % of one core and ms per check — for all
// processes and for each (launcher, all-in-one or web + worker, PostgreSQL's processes summed) —
// PSS of every process (/proc/PID/smaps_rollup, read every 5 s: the mean of each part, the mean
// and the peak of their sum), schedule lag p50/p99, and the load average. The target server runs
// in its own process and is not counted, nor is the PostgreSQL backend of the bench's own
// connection (it adds monitors and reads the lag; about 6 MB PSS). Not a test: it prints figures.
// Targets (issue #18): ≤ 150 MB PSS at 100 monitors, ≤ 300 MB at 1,000, ≤ 3 ms CPU per check at
// 1,000, lag p99 < 1 s at 5,000.
import { spawnSync } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import os from "node:os";
import { parseArgs } from "node:util";
import { z } from "zod";
import type { ProcessMode } from "../lib/runtime/process-mode";
import { ensureBuilt } from "../test/ensure-built";
import { printFigures } from "../test/vigil-processes";
import { scheduleLag } from "./bench-database";
import { startFixture, type Fixture } from "./fixture-zoo";
import { runOnlyHttpsMonitors, startInstall } from "./npm-start";

/** A comma-separated flag. */
const list = z.string().transform((value) => value.split(",").filter(Boolean));
const Options = z.object({
  monitors: z
    .string()
    .transform((value) => value.split(",").map(Number))
    .pipe(z.array(z.number().int().min(0).max(50_000)).min(1))
    .default([100, 1_000, 5_000]),
  window: z.coerce.number().int().min(5).max(3600).default(120),
  warmup: z.coerce.number().int().min(0).max(3600).default(60),
  modes: list.pipe(z.array(z.enum(["single", "split"])).min(1)).default(["single", "split"]),
});
const { values } = parseArgs({
  options: { monitors: { type: "string" }, window: { type: "string" }, warmup: { type: "string" }, modes: { type: "string" } },
});
const parsed = Options.safeParse(values);
if (!parsed.success) {
  console.error(`bench:footprint: ${parsed.error.issues.map((issue) => `--${issue.path.join(".")}: ${issue.message}`).join("; ")}`);
  process.exit(64);
}
const { monitors: SIZES, window: WINDOW_SECONDS, warmup: WARM_UP_SECONDS, modes: MODES } = parsed.data;

const INTERVAL_SECONDS = 20;
/** One PSS reading lands anywhere between two garbage collections: read it this often and average. */
const PSS_EVERY_MS = 5_000;
const CLOCK_TICKS = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim()) || 100;

type ProcessSample = { pid: number; ppid: number; cmdline: string; cpuMs: number; pssKb: number };

/**
 * The launcher and everything below it, each with its CPU time (own + reaped children) and PSS —
 * except `ignored`: the PostgreSQL backend serving this bench's own connection is no part of Vigil.
 */
async function sampleTree(root: number, ignored: number): Promise<ProcessSample[]> {
  const all: ProcessSample[] = [];
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, "utf8").catch(() => "");
    if (!stat) continue;
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // utime, stime, cutime, cstime: fields 14–17 of stat(5); index 0 here is field 3.
    const ticks = [11, 12, 13, 14].reduce((sum, index) => sum + Number(fields[index]), 0);
    all.push({ pid: Number(entry), ppid: Number(fields[1]), cmdline: "", cpuMs: (ticks * 1000) / CLOCK_TICKS, pssKb: 0 });
  }
  const inTree = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const sample of all) if (!inTree.has(sample.pid) && inTree.has(sample.ppid)) grew = inTree.add(sample.pid) !== undefined;
  }
  const tree = all.filter((sample) => inTree.has(sample.pid) && sample.pid !== ignored);
  for (const sample of tree) {
    sample.cmdline = (await readFile(`/proc/${sample.pid}/cmdline`, "utf8").catch(() => "")).replaceAll("\0", " ");
    const rollup = await readFile(`/proc/${sample.pid}/smaps_rollup`, "utf8").catch(() => "");
    sample.pssKb = Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
  }
  return tree;
}

/** PSS (kB) of each part of Vigil, summed over its processes. */
function pssByGroup(samples: ProcessSample[], root: number): Map<string, number> {
  const groups = new Map<string, number>();
  for (const sample of samples) {
    const group = groupOf(sample, root);
    groups.set(group, (groups.get(group) ?? 0) + sample.pssKb);
  }
  return groups;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** Which part of Vigil a process is. */
function groupOf(sample: ProcessSample, root: number): string {
  if (sample.pid === root) return "launcher";
  if (sample.cmdline.includes("postgres")) return "postgres";
  return /dist\/([a-z-]+)\.js/.exec(sample.cmdline)?.[1] ?? "other";
}

type Run = { mode: ProcessMode; monitors: number; figures: Record<string, string | number> };

async function measure(mode: ProcessMode, monitors: number, fixture: Fixture): Promise<Run> {
  const install = await startInstall({ rootCaPem: fixture.rootCaPem, env: { VIGIL_PROCESS_MODE: mode } });
  try {
    const client = await runOnlyHttpsMonitors(install, { prefix: "fp", count: monitors, intervalSeconds: INTERVAL_SECONDS, url: `https://valid.localhost:${fixture.httpsPort}/ok` });
    try {
      await sleep(WARM_UP_SECONDS * 1000);

      const root = install.launcher.child.pid!;
      const benchBackend = (await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
      const before = new Map((await sampleTree(root, benchBackend)).map((sample) => [sample.pid, sample]));
      const targetCpuBefore = await fixture.serverCpuMs();
      const from = new Date();
      const end = from.getTime() + WINDOW_SECONDS * 1000;
      const pssReadings: Map<string, number>[] = [];
      while (Date.now() + PSS_EVERY_MS < end) {
        await sleep(PSS_EVERY_MS);
        pssReadings.push(pssByGroup(await sampleTree(root, benchBackend), root));
      }
      await sleep(end - Date.now());
      const to = new Date();
      const after = await sampleTree(root, benchBackend);
      const targetCpuMs = (await fixture.serverCpuMs()) - targetCpuBefore;
      pssReadings.push(pssByGroup(after, root));
      const load = os.loadavg();
      const lag = await scheduleLag(client, from, to);

      const groups = new Map<string, { cpuMs: number; pssKb: number; processes: number }>();
      for (const sample of after) {
        const group = groups.get(groupOf(sample, root)) ?? { cpuMs: 0, pssKb: 0, processes: 0 };
        // A process born in the window counts whole; one that died in it was reaped by its parent
        // (PostgreSQL's backends by the postmaster), whose cutime/cstime carry its time.
        group.cpuMs += sample.cpuMs - (before.get(sample.pid)?.cpuMs ?? 0);
        group.processes += 1;
        groups.set(groupOf(sample, root), group);
      }
      const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
      for (const [name, group] of groups) group.pssKb = mean(pssReadings.map((reading) => reading.get(name) ?? 0));
      const sums = pssReadings.map((reading) => [...reading.values()].reduce((sum, kb) => sum + kb, 0));
      const windowMs = to.getTime() - from.getTime();
      const totalCpuMs = [...groups.values()].reduce((sum, group) => sum + group.cpuMs, 0);
      const perCheck = (cpuMs: number) => (lag.checks > 0 ? (cpuMs / lag.checks).toFixed(2) : "n/a");
      const figures: Record<string, string | number> = {
        "checks/s (expected)": `${(lag.checks / (windowMs / 1000)).toFixed(1)} (${(monitors / INTERVAL_SECONDS).toFixed(1)})`,
        "checks not up": lag.notUp,
        "lag p50 / p99 s": lag.checks > 0 ? `${lag.p50.toFixed(2)} / ${lag.p99.toFixed(2)}` : "n/a",
        "CPU % all (of one core)": ((totalCpuMs / windowMs) * 100).toFixed(1),
        "CPU ms/check all": perCheck(totalCpuMs),
        // The target does the same TLS work per check in every run: a minute in which the machine
        // runs slower shows in both, so the ratio moves far less than the install's own figure
        // (docs/benchmarks.md: one build's runs spread 2.48–3.52 ms per check, its ratio 2.13–2.39).
        "target server (not counted): CPU ms/check": perCheck(targetCpuMs),
        "CPU all ÷ target's": targetCpuMs > 0 && lag.checks > 0 ? (totalCpuMs / targetCpuMs).toFixed(2) : "n/a",
      };
      for (const [name, group] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
        figures[`${name}: CPU % · ms/check · PSS MB (mean)`] =
          `${((group.cpuMs / windowMs) * 100).toFixed(1)} · ${perCheck(group.cpuMs)} · ${(group.pssKb / 1024).toFixed(0)}${group.processes > 1 ? ` (${group.processes} processes)` : ""}`;
      }
      figures["PSS MB sum"] = (mean(sums) / 1024).toFixed(0);
      figures["PSS MB sum, peak"] = (Math.max(...sums) / 1024).toFixed(0);
      figures["load average 1/5/15 min"] = load.map((value) => value.toFixed(2)).join(" / ");
      return { mode, monitors, figures };
    } finally {
      await client.end();
    }
  } finally {
    await install.stop();
  }
}

await ensureBuilt();
const fixture = await startFixture();
const runs: Run[] = [];
try {
  // The install runs on the Node that runs the bench (bench/npm-start.ts): its TLS and V8 set the floor.
  console.log(`Node ${process.version} (OpenSSL ${process.versions.openssl}); ${os.cpus().length} CPUs, ${(os.totalmem() / 2 ** 30).toFixed(1)} GB; ${WARM_UP_SECONDS} s warm-up, ${WINDOW_SECONDS} s window per run`);
  for (const monitors of SIZES) {
    for (const mode of MODES) {
      const run = await measure(mode, monitors, fixture);
      printFigures(`bench:footprint — ${monitors.toLocaleString("en")} HTTPS monitors at ${INTERVAL_SECONDS} s, ${mode} mode`, run.figures);
      runs.push(run);
    }
  }
  console.log("\nSummary");
  console.table(
    runs.map((run) => ({
      mode: run.mode,
      monitors: run.monitors,
      "checks/s (expected)": run.figures["checks/s (expected)"],
      "CPU ms/check": run.figures["CPU ms/check all"],
      "CPU %": run.figures["CPU % all (of one core)"],
      "PSS MB (peak)": `${run.figures["PSS MB sum"]} (${run.figures["PSS MB sum, peak"]})`,
      "lag p50 / p99 s": run.figures["lag p50 / p99 s"],
    })),
  );
} finally {
  fixture.stop();
}
