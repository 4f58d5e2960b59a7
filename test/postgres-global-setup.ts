// Vitest global setup for integration tests: one PostgreSQL server and one migrated template
// database; each test file then clones the template (test/integration-database.ts).
import type { TestProject } from "vitest/node";
import { withDatabase } from "../lib/postgres/connection-config";
import { applyMigrations } from "../lib/postgres/migrate";
import { adminQuery, adminValue, startTestPostgres, uniqueDatabaseName } from "./postgres-server";

declare module "vitest" {
  export interface ProvidedContext {
    postgresAdminUrl: string;
    /** CREATE DATABASE's clause that clones the template (test/integration-database.ts). */
    cloneTemplate: string;
  }
}

type Shared = { ready: Promise<{ adminUrl: string; cloneTemplate: string; stop(): Promise<void> }>; users: number };

// Two projects use this setup (integration, drills); vitest runs each project's global setup in
// its main process, at once. One server and template serve both — and the WASM schema engine must
// not migrate twice concurrently in one process — so the first call starts them, the last stops them.
const holder = globalThis as { vigilTestPostgres?: Shared };

export default async function setup(project: TestProject) {
  const shared = (holder.vigilTestPostgres ??= { ready: startShared(), users: 0 });
  shared.users += 1;
  const { adminUrl, cloneTemplate, stop } = await shared.ready;
  project.provide("postgresAdminUrl", adminUrl);
  project.provide("cloneTemplate", cloneTemplate);
  return async () => {
    shared.users -= 1;
    if (shared.users > 0) return;
    holder.vigilTestPostgres = undefined;
    await stop();
  };
}

async function startShared() {
  const server = await startTestPostgres();
  const template = uniqueDatabaseName("vigil_template");
  await adminQuery(server.adminUrl, `CREATE DATABASE "${template}"`);
  await applyMigrations(withDatabase(server.adminUrl, template));
  // FILE_COPY copies the template's files where PostgreSQL's default since 15 writes each of its
  // pages to the WAL: 55 instead of 234 ms a test file on the test cluster, which does not fsync.
  // Before 15 copying files is the only way, and the keyword does not exist.
  const version = Number(await adminValue(server.adminUrl, "SHOW server_version_num"));
  return {
    adminUrl: server.adminUrl,
    cloneTemplate: `TEMPLATE "${template}"${version >= 150_000 ? " STRATEGY FILE_COPY" : ""}`,
    async stop() {
      await adminQuery(server.adminUrl, `DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
      await server.stop();
    },
  };
}
