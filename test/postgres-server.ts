// The PostgreSQL server tests run against: the server at DATABASE_URL when given (tests create
// and drop their own databases there and never touch the named one), else a throwaway embedded one.
import { mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { parseDatabaseUrl, withDatabase } from "../lib/postgres/connection-config";
import { startEmbeddedPostgres } from "../lib/postgres/embedded";

export type TestPostgres = {
  /** URL of a maintenance database on the server (where CREATE/DROP DATABASE run). */
  adminUrl: string;
  stop(): Promise<void>;
};

export async function startTestPostgres(): Promise<TestPostgres> {
  const given = process.env.DATABASE_URL;
  if (given) {
    assertLocal(given);
    return { adminUrl: withDatabase(given, "postgres"), stop: async () => {} };
  }
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "vigil-test-pg-"));
  // Test files run in parallel, each with its own pools: more connections than an install needs.
  const server = await startEmbeddedPostgres({ dataDir, port: await freePort(), database: "postgres", maxConnections: 300 });
  // A throwaway cluster, deleted after the run: nothing in it has to survive a crash of the machine,
  // so neither commits nor the clone of the template for each test file wait for the disk.
  for (const setting of ["fsync = off", "synchronous_commit = off", "full_page_writes = off"]) {
    await adminQuery(server.url, `ALTER SYSTEM SET ${setting}`);
  }
  await adminQuery(server.url, "SELECT pg_reload_conf()");
  return {
    adminUrl: server.url,
    async stop() {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Tests drop and create databases: refuse anything but a server on this machine. */
function assertLocal(url: string) {
  const { host } = parseDatabaseUrl(url);
  if (!["127.0.0.1", "localhost", "::1"].includes(host)) {
    throw new Error(`tests refuse a non-local database (DATABASE_URL host ${host}); unset it to use an embedded one`);
  }
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  await adminValue(adminUrl, sql);
}

/** The first column of the first row `sql` returns, if any. */
export async function adminValue(adminUrl: string, sql: string): Promise<unknown> {
  const client = new pg.Client(parseDatabaseUrl(adminUrl));
  await client.connect();
  try {
    const { rows } = await client.query({ text: sql, rowMode: "array" });
    return rows[0]?.[0];
  } finally {
    await client.end();
  }
}

export function uniqueDatabaseName(prefix: string): string {
  return `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
}
