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

export default async function setup(project: TestProject) {
  const server = await startTestPostgres();
  const template = uniqueDatabaseName("vigil_template");
  await adminQuery(server.adminUrl, `CREATE DATABASE "${template}"`);
  await applyMigrations(withDatabase(server.adminUrl, template));
  project.provide("postgresAdminUrl", server.adminUrl);
  project.provide("templateDatabase", template);
  return async () => {
    await adminQuery(server.adminUrl, `DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
    await server.stop();
  };
}
