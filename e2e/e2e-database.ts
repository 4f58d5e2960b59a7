// SQL against the database of the app under e2e test (the one e2e/serve.ts set up), for changes
// "from the admin side" and for stopping the database. Writes here reach the page only through
// Postgres itself (triggers → NOTIFY → the web process's LISTEN), which is what the tests prove.
import { readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { EMBEDDED_DATABASE, embeddedDatabaseUrl } from "../lib/postgres/embedded-server";
import { parseDatabaseUrl, withDatabase } from "../lib/postgres/connection-config";

export function e2eDatabaseUrl(): string {
  const given = process.env.DATABASE_URL;
  if (given) return withDatabase(given, "vigil_e2e");
  return embeddedDatabaseUrl(Number(process.env.EMBEDDED_POSTGRES_PORT ?? 54391), EMBEDDED_DATABASE);
}

export async function sql<T extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client(parseDatabaseUrl(e2eDatabaseUrl()));
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** The pid of the embedded PostgreSQL e2e/serve.ts started (null with an external DATABASE_URL). */
export async function embeddedPostgresPid(): Promise<number | null> {
  if (process.env.DATABASE_URL) return null;
  const content = await readFile(path.resolve(".test-data/e2e/postgres/postmaster.pid"), "utf8").catch(() => null);
  const pid = Number(content?.split("\n")[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}
