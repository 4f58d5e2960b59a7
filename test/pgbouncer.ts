// A real PgBouncer in front of a test's PostgreSQL: its own process with a generated ini on a free
// loopback port, in transaction pooling mode with a small server pool, so connections really are
// shared between clients (what a managed pooler does). Never the Debian service on 6432.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { parseDatabaseUrl } from "../lib/postgres/connection-config";
import { freePort } from "./postgres-server";

export type PgBouncer = {
  /** postgres:// URL of `database` through the pooler (same user and password as the server's). */
  url: string;
  port: number;
  output(): string;
  /** Pooler-side SHOW command (e.g. "POOLS") on the admin console. */
  show(what: "POOLS" | "SERVERS" | "STATS" | "CONFIG" | "VERSION"): Promise<Record<string, string>[]>;
  stop(): Promise<void>;
};

// Debian installs it in /usr/sbin, which is not on a non-root user's PATH.
const BINARY = process.env.PGBOUNCER_PATH || (existsSync("/usr/sbin/pgbouncer") ? "/usr/sbin/pgbouncer" : "pgbouncer");

/** Throws (never skips) when the binary is missing: CI (.ci/run) installs it. */
export function assertPgBouncerInstalled(): string {
  const probe = spawnSync(BINARY, ["--version"], { encoding: "utf8" });
  if (probe.error || probe.status !== 0) {
    throw new Error(
      `pgbouncer is not installed (${probe.error?.message ?? probe.stderr.trim()}): run \`apt-get install -y pgbouncer\` ` +
        "(.ci/run does) or set PGBOUNCER_PATH to its binary",
    );
  }
  return probe.stdout.split("\n")[0]!.trim();
}

export async function startPgBouncer(serverUrl: string, options: { poolSize: number; poolMode?: "transaction" | "session" }): Promise<PgBouncer> {
  assertPgBouncerInstalled();
  const server = parseDatabaseUrl(serverUrl);
  const port = await freePort();
  const dir = await mkdtemp(path.join(os.tmpdir(), "vigil-pgbouncer-"));
  // PgBouncer refuses to run as root; it drops to `nobody` itself (hence files readable by all).
  const asRoot = process.getuid?.() === 0;
  if (asRoot) await chmod(dir, 0o755);
  const quote = (value: string) => `"${value.replaceAll('"', '""')}"`;
  await writeFile(path.join(dir, "users.txt"), `${quote(server.user)} ${quote(server.password)}\n`, { mode: 0o644 });
  const ini = [
    "[databases]",
    `${server.database} = host=${server.host} port=${server.port} dbname=${server.database}`,
    "[pgbouncer]",
    "listen_addr = 127.0.0.1",
    `listen_port = ${port}`,
    "unix_socket_dir =",
    "auth_type = md5",
    `auth_file = ${path.join(dir, "users.txt")}`,
    `admin_users = ${server.user}`,
    `pool_mode = ${options.poolMode ?? "transaction"}`,
    `default_pool_size = ${options.poolSize}`,
    "min_pool_size = 0",
    "reserve_pool_size = 0",
    "max_client_conn = 500",
    // A client waits for a server connection rather than failing at once (the pool is small on purpose).
    "query_wait_timeout = 30",
    "log_connections = 0",
    "log_disconnections = 0",
    ...(asRoot ? ["user = nobody"] : []),
    "",
  ].join("\n");
  const iniPath = path.join(dir, "pgbouncer.ini");
  await writeFile(iniPath, ini, { mode: 0o644 });

  const child = spawn(BINARY, [iniPath], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = `postgresql://${encodeURIComponent(server.user)}:${encodeURIComponent(server.password)}@127.0.0.1:${port}/${encodeURIComponent(server.database)}`;

  const show = async (what: string) => {
    const client = new pg.Client({ ...parseDatabaseUrl(url), database: "pgbouncer" });
    await client.connect();
    try {
      // Without parameters pg uses the simple query protocol, the only one the admin console speaks.
      return (await client.query<Record<string, string>>(`SHOW ${what}`)).rows;
    } finally {
      await client.end();
    }
  };

  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`pgbouncer exited at start (code ${child.exitCode}):\n${output}`);
    const ok = await show("VERSION").then(
      () => true,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`pgbouncer did not accept connections on ${port} within 10 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  return {
    url,
    port,
    output: () => output,
    show,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGINT"); // SIGINT: shut down at once, closing client connections
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
