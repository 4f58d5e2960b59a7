// Database access for command-line tools (admin, config): DATABASE_URL when set; else the
// embedded PostgreSQL of a running `npm start` on the same DATA_DIR; else the embedded
// PostgreSQL started just for this command (under the data-folder lock) and stopped after.
import path from "node:path";
import { disconnectDb } from "../db";
import { parseEnv } from "../env";
import { EMBEDDED_DATABASE, embeddedDatabaseUrl, startEmbeddedPostgres } from "../postgres/embedded";
import { applyMigrations } from "../postgres/migrate";
import { acquireDataDirLock, runningLauncherPid } from "./data-dir-lock";
import { ensureWritableDir } from "./writable-dir";

export async function withCliDatabase<T>(run: () => Promise<T>): Promise<T> {
  const config = parseEnv(process.env);
  if (config.DATABASE_URL) return runAndDisconnect(run);

  const dataDir = path.resolve(config.DATA_DIR);
  if (await runningLauncherPid(dataDir)) {
    process.env.DATABASE_URL = embeddedDatabaseUrl(config.EMBEDDED_POSTGRES_PORT, EMBEDDED_DATABASE);
    return runAndDisconnect(run);
  }
  await ensureWritableDir(dataDir, "DATA_DIR");
  const lock = await acquireDataDirLock(dataDir);
  try {
    const server = await startEmbeddedPostgres({ dataDir, port: config.EMBEDDED_POSTGRES_PORT, database: EMBEDDED_DATABASE });
    try {
      await applyMigrations(server.url);
      process.env.DATABASE_URL = server.url;
      return await runAndDisconnect(run);
    } finally {
      await server.stop();
    }
  } finally {
    await lock.release();
  }
}

async function runAndDisconnect<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } finally {
    await disconnectDb();
  }
}
