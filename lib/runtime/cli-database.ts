// Database access for command-line tools (admin, config): DATABASE_URL when set; else the
// embedded PostgreSQL of a running `npm start` on the same DATA_DIR; else the embedded
// PostgreSQL started just for this command (under the data-folder lock) and stopped after.
// They only read and write data, so on the embedded database they connect as the app role.
import path from "node:path";
import { disconnectDb } from "../db";
import { parseEnv } from "../env";
import { grantAppRole, roleOf } from "../postgres/app-role";
import { startEmbeddedPostgres } from "../postgres/embedded";
import { EMBEDDED_DATABASE, embeddedAppDatabaseUrl } from "../postgres/embedded-server";
import { applyMigrations } from "../postgres/migrate";
import { acquireDataDirLock, runningLauncherPid } from "./data-dir-lock";
import { ensureWritableDir } from "./writable-dir";

export async function withCliDatabase<T>(run: () => Promise<T>): Promise<T> {
  const config = parseEnv(process.env);
  if (config.DATABASE_URL) return runAndDisconnect(run);

  const dataDir = path.resolve(config.DATA_DIR);
  if (await runningLauncherPid(dataDir)) {
    process.env.DATABASE_URL = embeddedAppDatabaseUrl(config.EMBEDDED_POSTGRES_PORT, EMBEDDED_DATABASE);
    return runAndDisconnect(run);
  }
  await ensureWritableDir(dataDir, "DATA_DIR");
  const lock = await acquireDataDirLock(dataDir);
  try {
    const server = await startEmbeddedPostgres({ dataDir, port: config.EMBEDDED_POSTGRES_PORT, database: EMBEDDED_DATABASE });
    try {
      await applyMigrations(server.url);
      await grantAppRole(server.url, roleOf(server.appUrl));
      process.env.DATABASE_URL = server.appUrl;
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
