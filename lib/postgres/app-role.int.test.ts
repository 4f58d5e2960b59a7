// The app role of the embedded PostgreSQL, connected to as the running app does: it can do its
// work (read, write, append to the audit log, run pg-boss and create a new queue) and cannot
// rewrite history (UPDATE, DELETE, TRUNCATE the audit log, disable its triggers, switch triggers
// off with session_replication_role, ALTER a table). Both a fresh database and one left by a Vigil
// that ran everything as one role (pg-boss's schema owned by it) end up the same, idempotently.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureQueue, startQueueClient } from "../../jobs/queues";
import { adminQuery, freePort } from "../../test/postgres-server";
import { grantAppRole, QUEUE_SCHEMA, roleOf } from "./app-role";
import { parseDatabaseUrl, withDatabase } from "./connection-config";
import { startEmbeddedPostgres, type EmbeddedPostgresServer } from "./embedded";
import { applyMigrations } from "./migrate";

let server: EmbeddedPostgresServer;
let dataDir: string;
const clients: pg.Client[] = [];
const bosses: PgBoss[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), "vigil-app-role-"));
  server = await startEmbeddedPostgres({ dataDir, port: await freePort(), database: "postgres" });
}, 120_000);

afterAll(async () => {
  await Promise.all(bosses.map((boss) => boss.stop({ graceful: false, wait: true }).catch(() => undefined)));
  await Promise.all(clients.map((client) => client.end().catch(() => undefined)));
  await server?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client(parseDatabaseUrl(url));
  await client.connect();
  clients.push(client);
  return client;
}

async function startBoss(url: string): Promise<PgBoss> {
  const boss = await startQueueClient({ connectionString: url, schema: QUEUE_SCHEMA, supervise: false, schedule: false }, () => undefined);
  bosses.push(boss);
  return boss;
}

/** The SQLSTATE a statement fails with, or "ok". */
async function outcome(client: pg.Client, sql: string): Promise<string> {
  try {
    await client.query(sql);
    return "ok";
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

/** A database migrated by the owner, as `npm start` leaves it; `legacy`: pg-boss installed by the owner first. */
async function database(name: string, legacy: boolean): Promise<{ ownerUrl: string; appUrl: string }> {
  await adminQuery(server.url, `CREATE DATABASE ${name}`);
  const ownerUrl = withDatabase(server.url, name);
  const appUrl = withDatabase(server.appUrl, name);
  await applyMigrations(ownerUrl);
  if (legacy) {
    const boss = await startBoss(ownerUrl);
    await ensureQueue(boss, "probe-legacy");
    await boss.stop({ graceful: false, wait: true });
  }
  await grantAppRole(ownerUrl, roleOf(appUrl));
  await grantAppRole(ownerUrl, roleOf(appUrl)); // idempotent: every start runs it
  return { ownerUrl, appUrl };
}

describe.each([
  ["a fresh database", "vigil_fresh", false],
  ["a database from a one-role Vigil (pg-boss owned by the owner)", "vigil_legacy", true],
] as const)("the app role on %s", (_, name, legacy) => {
  let app: pg.Client;
  let appUrl: string;

  beforeAll(async () => {
    ({ appUrl } = await database(name, legacy));
    app = await connect(appUrl);
  }, 120_000);

  it("is not a superuser and owns nothing in public", async () => {
    const { rows } = await app.query(`SELECT rolsuper, rolcreaterole, rolcreatedb, rolbypassrls FROM pg_roles WHERE rolname = current_user`);
    expect(rows).toEqual([{ rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolbypassrls: false }]);
    const owned = await app.query(`SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)`);
    expect(owned.rows[0].n).toBe(0);
  });

  it("appends to and reads the audit log, and reads and writes other tables", async () => {
    expect(await outcome(app, `INSERT INTO "AuditLog" ("actorLabel", action, "objectType") VALUES ('test', 'app-role.test', 'test')`)).toBe("ok");
    expect((await app.query(`SELECT count(*)::int AS n FROM "AuditLog" WHERE action = 'app-role.test'`)).rows[0].n).toBe(1);
    expect(await outcome(app, `INSERT INTO "Component" (id, name, "updatedAt") VALUES ('c-role', 'Role', now())`)).toBe("ok");
    expect(await outcome(app, `UPDATE "Component" SET name = 'Renamed' WHERE id = 'c-role'`)).toBe("ok");
    expect(await outcome(app, `DELETE FROM "Component" WHERE id = 'c-role'`)).toBe("ok");
  });

  it.each([
    ["UPDATE the audit log", `UPDATE "AuditLog" SET action = 'rewritten'`],
    ["DELETE from the audit log", `DELETE FROM "AuditLog"`],
    ["TRUNCATE the audit log", `TRUNCATE "AuditLog"`],
    ["disable the audit log's triggers", `ALTER TABLE "AuditLog" DISABLE TRIGGER ALL`],
    ["disable one trigger", `ALTER TABLE "AuditLog" DISABLE TRIGGER "AuditLog_append_only"`],
    ["switch triggers off for the session", `SET session_replication_role = replica`],
    ["ALTER a table", `ALTER TABLE "Component" ADD COLUMN sneaky int`],
    ["DROP the audit log", `DROP TABLE "AuditLog"`],
    ["rewrite the migration record", `DELETE FROM _prisma_migrations`],
    ["create a table in public", `CREATE TABLE public.sneaky (id int)`],
  ])("cannot %s", async (_, sql) => {
    expect(await outcome(app, sql)).toBe("42501"); // insufficient_privilege
    expect((await app.query(`SELECT count(*)::int AS n FROM "AuditLog" WHERE action = 'app-role.test'`)).rows[0].n).toBe(1);
  });

  it("runs pg-boss in its own schema and creates a new queue there", async () => {
    const boss = await startBoss(appUrl);
    await ensureQueue(boss, `probe-${name.replace("vigil_", "")}`);
    expect(await boss.send(`probe-${name.replace("vigil_", "")}`, { ok: true })).toEqual(expect.any(String));
    const owners = await app.query(
      `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND c.relowner <> (SELECT oid FROM pg_roles WHERE rolname = current_user)`,
      [QUEUE_SCHEMA],
    );
    expect(owners.rows[0].n).toBe(0);
  });
});
