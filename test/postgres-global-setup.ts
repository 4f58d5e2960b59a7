// Vitest global setup for integration tests: one PostgreSQL server and one migrated template
// database; each test file then clones the template (test/integration-database.ts).
import type { TestProject } from "vitest/node";
import { withDatabase } from "../lib/postgres/connection-config";
import { applyMigrations } from "../lib/postgres/migrate";
import { adminQuery, startTestPostgres, uniqueDatabaseName } from "./postgres-server";

declare module "vitest" {
  export interface ProvidedContext {
    postgresAdminUrl: string;
    templateDatabase: string;
  }
}

type Shared = { ready: Promise<{ adminUrl: string; template: string; stop(): Promise<void> }>; users: number };

// Two projects use this setup (integration, drills); vitest runs each project's global setup in
// its main process, at once. One server and template serve both — and the WASM schema engine must
// not migrate twice concurrently in one process — so the first call starts them, the last stops them.
const holder = globalThis as { vigilTestPostgres?: Shared };

export default async function setup(project: TestProject) {
  const shared = (holder.vigilTestPostgres ??= { ready: startShared(), users: 0 });
  shared.users += 1;
  const { adminUrl, template, stop } = await shared.ready;
  project.provide("postgresAdminUrl", adminUrl);
  project.provide("templateDatabase", template);
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
  return {
    adminUrl: server.adminUrl,
    template,
    async stop() {
      await adminQuery(server.adminUrl, `DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
      await server.stop();
    },
  };
}
