// Runs before each integration test file: a fresh database cloned from the migrated template,
// exposed as DATABASE_URL so lib/ code under test uses it; dropped after the file.
import { afterAll, inject } from "vitest";
import { disconnectDb } from "../lib/db";
import { withDatabase } from "../lib/postgres/connection-config";
import { adminQuery, uniqueDatabaseName } from "./postgres-server";

const adminUrl = inject("postgresAdminUrl");
const database = uniqueDatabaseName("vigil_test");
await adminQuery(adminUrl, `CREATE DATABASE "${database}" ${inject("cloneTemplate")}`);
process.env.DATABASE_URL = withDatabase(adminUrl, database);
// Test files share two busy cores: a public read slower than the production 500 ms there is load,
// not a hung database, and must not turn a page stale. The hung-database test sets its own.
process.env.PUBLIC_READ_TIMEOUT_MS ??= "5000";

afterAll(async () => {
  await disconnectDb();
  await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
});
