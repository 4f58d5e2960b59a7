import { afterAll, describe, expect, inject, it } from "vitest";
import { adminQuery, uniqueDatabaseName } from "../../test/postgres-server";
import pg from "pg";
import { parseDatabaseUrl, withDatabase } from "./connection-config";
import { applyMigrations, diffMigrationsToSchema, readMigrationsList } from "./migrate";

const adminUrl = inject("postgresAdminUrl");
const empty = uniqueDatabaseName("vigil_migrate");

afterAll(() => adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${empty}" WITH (FORCE)`));

describe("applyMigrations", () => {
  it("migrates an empty database, records every migration, and is idempotent", async () => {
    await adminQuery(adminUrl, `CREATE DATABASE "${empty}"`);
    const url = withDatabase(adminUrl, empty);
    const { migrationDirectories } = await readMigrationsList();

    expect(await applyMigrations(url)).toEqual(migrationDirectories.map((m) => m.path));
    expect(await applyMigrations(url)).toEqual([]);

    const client = new pg.Client(parseDatabaseUrl(url));
    await client.connect();
    try {
      const recorded = await client.query(
        `SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name`,
      );
      expect(recorded.rows.map((row) => row.migration_name)).toEqual(migrationDirectories.map((m) => m.path));
      const tables = await client.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`);
      expect(tables.rows.map((row) => row.tablename)).toEqual(
        expect.arrayContaining(["Component", "Monitor", "CheckResult", "Incident", "IncidentUpdate", "OutboxMessage", "Subscriber", "AuditLog"]),
      );
    } finally {
      await client.end();
    }
  });
});

describe("drift", () => {
  it("schema.prisma and the committed migrations agree (write a migration with npm run -s db:diff -- <name>)", async () => {
    // This file's own database: connecting to the template would block other files' clones.
    expect(await diffMigrationsToSchema(process.env.DATABASE_URL!)).toBe("");
  });
});
