// npm run bench:memory-limit [-- --monitors 1000 --limit-mb 1024 --minutes 5 --cgroup DIR | --no-limit]
// Does a whole install fit a 1 GB box? `npm start` as a user runs it (compiled, embedded
// PostgreSQL, the mode it picks by itself) under a memory limit the kernel enforces on it and
// everything it starts, with N HTTPS monitors at 20 s against one local HTTPS target (the fixture
// zoo, its own process, outside the limit). Pass: after `--minutes`, nothing was killed — the
// launcher is running, it restarted no child (vigil_process_restarts_total), the cgroup counted no
// OOM kill — and the last minute's checks were stored. Prints the cgroup's peak memory, OOM kills,
// checks/s against N/20 and whether the worker shed load.
//
// The limit, in this order: systemd (`systemd-run --scope -p MemoryMax=… -p MemorySwapMax=0`) when
// systemd runs the machine; else `--cgroup DIR`, an empty cgroup you created (v2: `mkdir
// /sys/fs/cgroup/vigil-bench`; v1: `mkdir /sys/fs/cgroup/memory/vigil-bench`) — the bench writes
// its limit and starts `npm start` inside it. Without either it refuses and says what it found;
// `--no-limit` runs the same without a limit (a trial of the bench itself, or a size measurement).
import { spawnSync } from "node:child_process";
import { access, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { ensureBuilt } from "../test/ensure-built";
import { loadAverage, printFigures } from "../test/vigil-processes";
import { startFixture } from "./fixture-zoo";
import { runOnlyHttpsMonitors, startInstall, type Install } from "./npm-start";

const Options = z.object({
  monitors: z.coerce.number().int().min(1).max(50_000).default(1_000),
  "limit-mb": z.coerce.number().int().min(128).max(1_048_576).default(1_024),
  minutes: z.coerce.number().min(1).max(600).default(5),
  cgroup: z.string().min(1).optional(),
  "no-limit": z.boolean().default(false),
});
const { values } = parseArgs({
  options: { monitors: { type: "string" }, "limit-mb": { type: "string" }, minutes: { type: "string" }, cgroup: { type: "string" }, "no-limit": { type: "boolean" } },
});
const parsed = Options.safeParse(values);
if (!parsed.success) {
  console.error(`bench:memory-limit: ${parsed.error.issues.map((issue) => `--${issue.path.join(".")}: ${issue.message}`).join("; ")}`);
  process.exit(64);
}
const { monitors: MONITORS, "limit-mb": LIMIT_MB, minutes: MINUTES, cgroup: CGROUP_DIR, "no-limit": NO_LIMIT } = parsed.data;
const INTERVAL_SECONDS = 20;
const LIMIT_BYTES = LIMIT_MB * 1024 * 1024;

type Limit = { how: string; command: string[] };

const exists = (file: string) => access(file).then(() => true, () => false);

function systemdRuns(): boolean {
  const state = spawnSync("systemctl", ["is-system-running"], { encoding: "utf8" }).stdout?.trim();
  return state === "running" || state === "degraded";
}

/** How `npm start` will be put under the limit, or why it cannot be. */
async function chooseLimit(): Promise<Limit | string> {
  if (NO_LIMIT) return { how: "none (--no-limit)", command: [] };
  if (systemdRuns()) {
    return { how: `systemd-run --scope, MemoryMax=${LIMIT_MB}M, no swap`, command: ["systemd-run", "--scope", "--quiet", `-p`, `MemoryMax=${LIMIT_MB}M`, "-p", "MemorySwapMax=0", "--"] };
  }
  if (CGROUP_DIR) {
    if (await exists(path.join(CGROUP_DIR, "memory.max"))) {
      await writeFile(path.join(CGROUP_DIR, "memory.max"), String(LIMIT_BYTES));
      if (await exists(path.join(CGROUP_DIR, "memory.swap.max"))) await writeFile(path.join(CGROUP_DIR, "memory.swap.max"), "0");
    } else if (await exists(path.join(CGROUP_DIR, "memory.limit_in_bytes"))) {
      // memsw (memory + swap) must be at least the memory limit at every step, so it is lifted first
      // (a reused cgroup may hold a lower one); equal to it in the end means no swap.
      const memsw = path.join(CGROUP_DIR, "memory.memsw.limit_in_bytes");
      if (await exists(memsw)) await writeFile(memsw, "-1");
      await writeFile(path.join(CGROUP_DIR, "memory.limit_in_bytes"), String(LIMIT_BYTES));
      if (await exists(memsw)) await writeFile(memsw, String(LIMIT_BYTES));
      // A cgroup used by an earlier run keeps that run's peak until it is reset.
      await writeFile(path.join(CGROUP_DIR, "memory.max_usage_in_bytes"), "0");
    } else {
      return `--cgroup ${CGROUP_DIR} has neither memory.max (cgroup v2) nor memory.limit_in_bytes (v1): not a cgroup with the memory controller`;
    }
    // The shell joins the cgroup, then becomes npm start: everything it starts is inside.
    return { how: `cgroup ${CGROUP_DIR}, ${LIMIT_MB} MB, no swap`, command: ["sh", "-c", `echo $$ > '${CGROUP_DIR}/cgroup.procs' && exec "$@"`, "sh"] };
  }
  const found = (await readFile("/proc/self/cgroup", "utf8")).trim().replaceAll("\n", "; ");
  return [
    "no memory limit can be applied:",
    `  systemd does not run this machine (systemctl is-system-running: ${spawnSync("systemctl", ["is-system-running"], { encoding: "utf8" }).stdout?.trim() || "not available"}), so systemd-run cannot make a scope;`,
    "  no --cgroup DIR was given (create an empty cgroup with the memory controller and pass it);",
    `  this process's cgroups: ${found}.`,
    "Run with --no-limit to measure without a limit.",
  ].join("\n");
}

type CgroupFigures = { dir: string; peakBytes?: number; oomKills?: number };

/** The cgroup of `pid` (memory controller): its peak usage and OOM kills so far. */
async function cgroupFigures(pid: number): Promise<CgroupFigures | undefined> {
  const lines = (await readFile(`/proc/${pid}/cgroup`, "utf8")).split("\n");
  const v1 = lines.map((line) => line.split(":")).find(([, controllers]) => controllers?.split(",").includes("memory"))?.[2];
  if (v1 !== undefined && (await exists(`/sys/fs/cgroup/memory${v1}/memory.max_usage_in_bytes`))) return figuresOf(`/sys/fs/cgroup/memory${v1}`);
  const v2 = lines.find((line) => line.startsWith("0::"))?.slice(3);
  return v2 === undefined ? undefined : figuresOf(`/sys/fs/cgroup${v2}`);
}

async function figuresOf(dir: string): Promise<CgroupFigures> {
  if (await exists(`${dir}/memory.max_usage_in_bytes`)) {
    const oom = await readFile(`${dir}/memory.oom_control`, "utf8");
    return { dir, peakBytes: Number(await readFile(`${dir}/memory.max_usage_in_bytes`, "utf8")), oomKills: Number(/^oom_kill (\d+)$/m.exec(oom)?.[1] ?? Number.NaN) };
  }
  const peak = await readFile(`${dir}/memory.peak`, "utf8").catch(() => undefined);
  const events = await readFile(`${dir}/memory.events`, "utf8").catch(() => "");
  return { dir, peakBytes: peak === undefined ? undefined : Number(peak), oomKills: Number(/^oom_kill (\d+)$/m.exec(events)?.[1] ?? Number.NaN) };
}

/** The sum of a metric's series on the web port, or undefined when it shows none. */
async function metricSum(port: number, pattern: RegExp): Promise<number | undefined> {
  const text = await fetch(`http://127.0.0.1:${port}/metrics`).then((response) => response.text()).catch(() => "");
  const matches = [...text.matchAll(pattern)];
  return matches.length === 0 ? undefined : matches.reduce((sum, match) => sum + Number(match[1]), 0);
}

const limit = await chooseLimit();
if (typeof limit === "string") {
  console.error(`bench:memory-limit: ${limit}`);
  process.exit(69);
}
await ensureBuilt();
// A cgroup's OOM kill counter only grows: a reused --cgroup counts this run's from here.
const oomKillsBefore = CGROUP_DIR && !NO_LIMIT ? ((await figuresOf(CGROUP_DIR)).oomKills ?? 0) : 0;
const fixture = await startFixture();
let install: Install | undefined;
let passed = false;
try {
  console.log(`${MONITORS.toLocaleString("en")} HTTPS monitors at ${INTERVAL_SECONDS} s for ${MINUTES} min; limit: ${limit.how}`);
  install = await startInstall({ rootCaPem: fixture.rootCaPem, wrapper: limit.command });
  const { launcher, port } = install;
  const client = await runOnlyHttpsMonitors(install, { prefix: "ml", count: MONITORS, intervalSeconds: INTERVAL_SECONDS, url: `https://valid.localhost:${fixture.httpsPort}/ok` });
  try {
    await new Promise((resolve) => setTimeout(resolve, MINUTES * 60_000));
    const alive = launcher.child.exitCode === null && launcher.child.signalCode === null;
    const lastMinute = Number((await client.query(`SELECT count(*)::int AS n FROM "CheckResult" WHERE "checkedAt" > now() - interval '1 minute'`)).rows[0].n);
    const output = launcher.output();
    // The launcher logs each restart; the counter says the same where the web process serves it.
    const restarts = Math.max(await metricSum(port, /^vigil_process_restarts_total\{[^}]*\} (\S+)$/gm) ?? 0, (output.match(/ restarted \(pid/g) ?? []).length);
    // Without a limit the process sits in whatever cgroup ran the bench: its figures are not the install's.
    const found = NO_LIMIT || launcher.child.pid === undefined ? undefined : await cgroupFigures(launcher.child.pid).catch(() => undefined);
    const cgroup = found && { ...found, oomKills: found.oomKills === undefined ? undefined : found.oomKills - oomKillsBefore };
    const shed = (output.match(/shedding load/g) ?? []).length;
    const expectedPerMinute = (MONITORS / INTERVAL_SECONDS) * 60;
    passed = alive && restarts === 0 && !(cgroup?.oomKills && cgroup.oomKills > 0) && lastMinute >= 0.9 * expectedPerMinute;
    printFigures(`bench:memory-limit — ${MONITORS.toLocaleString("en")} HTTPS monitors, ${limit.how}`, {
      "launcher running": alive,
      "children restarted (launcher log, vigil_process_restarts_total)": restarts,
      "cgroup": cgroup?.dir ?? (NO_LIMIT ? "(none: --no-limit)" : "(unknown)"),
      "cgroup peak MB": cgroup?.peakBytes === undefined ? "(not reported)" : (cgroup.peakBytes / 2 ** 20).toFixed(0),
      "cgroup OOM kills": cgroup?.oomKills ?? "(not reported)",
      "checks stored in the last minute (expected)": `${lastMinute} (${expectedPerMinute})`,
      "load shedding started (log lines)": shed,
      "load average 1/5/15 min": loadAverage(),
      "passed": passed,
    });
  } finally {
    await client.end();
  }
} finally {
  await install?.stop();
  fixture.stop();
}
process.exit(passed ? 0 : 1);
