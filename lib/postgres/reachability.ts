import pg from "pg";
import { StartupError } from "../errors";
import { parseDatabaseUrl, redactDatabaseUrl } from "./connection-config";

/** One clear line when DATABASE_URL (or `variable`) points at nothing (wrong host, port, password, database). */
export async function assertDatabaseReachable(url: string, variable = "DATABASE_URL"): Promise<void> {
  const client = new pg.Client({ ...parseDatabaseUrl(url), connectionTimeoutMillis: 5_000 });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (error) {
    const detail = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new StartupError(`cannot reach the database at ${variable}=${redactDatabaseUrl(url)} (${detail})`);
  } finally {
    await client.end().catch(() => {});
  }
}
