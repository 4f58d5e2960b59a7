// What Vigil does through a real PgBouncer in transaction pooling mode, piece by piece, and what it
// must not do there (docs/operator-guide.md, "Poolers (PgBouncer)"). The pool has 3 server connections and
// each client side more: consecutive transactions of one client land on different server sessions.
// The whole processes (web, worker, mailer) behind it: test/drills/pgbouncer-transaction-mode.int.test.ts.
import type PgBoss from "pg-boss";
import pg from "pg";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { db, disconnectDb } from "../lib/db";
import { parseDatabaseUrl, withDatabase } from "../lib/postgres/connection-config";
import { startQueueClient } from "../jobs/queues";
import { applyMigrations } from "../lib/postgres/migrate";
import { seedDemoPageIfEmpty } from "../lib/seed/demo-page";
import { startPgBouncer, type PgBouncer } from "./pgbouncer";
import { adminQuery, uniqueDatabaseName } from "./postgres-server";

const POOL_SIZE = 3;
/** The session-level advisory lock key of Prisma's migration engine. */
const MIGRATION_LOCK_KEY = 72707369;

const directUrl = process.env.DATABASE_URL!;
let bouncer: PgBouncer;
let direct: pg.Client;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  bouncer = await startPgBouncer(directUrl, { poolSize: POOL_SIZE });
  // Vigil's own lib/ code (db(), read once from the environment) goes through the pooler, set up
  // as an operator would: the session URL beside it (which also keeps the server-side timeouts,
  // start-up parameters PgBouncer refuses, off the pooled connections).
  process.env.DATABASE_URL = bouncer.url;
  process.env.DATABASE_SESSION_URL = directUrl;
  direct = new pg.Client(parseDatabaseUrl(directUrl));
  await direct.connect();
});

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await disconnectDb();
  await direct?.end();
  await bouncer?.stop();
  process.env.DATABASE_URL = directUrl; // the setup file drops the database by this URL
  delete process.env.DATABASE_SESSION_URL;
});

describe("through PgBouncer in transaction mode", () => {
  it("Prisma interactive transactions, their advisory locks and SET LOCAL hold across pooled connections", async () => {
    // Vigil's real first-start seeding, four at once: the xact lock lets exactly one seed.
    const seeded = await Promise.all(Array.from({ length: 4 }, () => seedDemoPageIfEmpty("http://127.0.0.1:3000")));
    expect(seeded.filter(Boolean)).toHaveLength(1);
    expect(await db().page.count()).toBe(1);

    // 12 read-modify-write transactions from up to 10 pooled clients over 3 server sessions:
    // none lost, because the lock and the write share one server transaction.
    await db().$executeRaw`CREATE TABLE pooled_counter (n int NOT NULL)`;
    await db().$executeRaw`INSERT INTO pooled_counter VALUES (0)`;
    await Promise.all(
      Array.from({ length: 12 }, () =>
        db().$transaction(async (tx) => {
          await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('pooled-counter'))`;
          const [row] = await tx.$queryRaw<{ n: number }[]>`SELECT n FROM pooled_counter`;
          await tx.$executeRaw`SELECT pg_sleep(0.02)`;
          await tx.$executeRaw`UPDATE pooled_counter SET n = ${row!.n + 1}`;
        }),
      ),
    );
    expect((await db().$queryRaw<{ n: number }[]>`SELECT n FROM pooled_counter`)[0]!.n).toBe(12);

    // SET LOCAL (pg-boss uses it) applies inside its transaction and leaves no trace on the
    // server session that the next client gets.
    await expect(
      db().$transaction(async (tx) => {
        await tx.$executeRaw`SET LOCAL statement_timeout = '100ms'`;
        await tx.$executeRaw`SELECT pg_sleep(0.5)`;
      }),
    ).rejects.toThrow(/statement timeout/);
    const timeouts = await Promise.all(Array.from({ length: 10 }, () => db().$queryRaw<{ statement_timeout: string }[]>`SHOW statement_timeout`));
    expect(new Set(timeouts.map((rows) => rows[0]!.statement_timeout))).toEqual(new Set(["0"]));
    // And all of it really went through the pooler.
    const database = parseDatabaseUrl(directUrl).database;
    const stats = (await bouncer.show("STATS")).find((row) => row.database === database);
    expect(Number(stats?.total_xact_count)).toBeGreaterThanOrEqual(4 + 2 + 12 + 1 + 10);
  });

  it("pg-boss 10: two instances start, jobs are sent, fetched and completed, a cron schedule fires, maintenance expires", async () => {
    const options = { connectionString: bouncer.url, schema: "pgboss_pooled", max: 4, cronMonitorIntervalSeconds: 1, cronWorkerIntervalSeconds: 1 };
    const errors: Error[] = [];
    // Both install the schema at once, as two workers starting on a fresh database do: pg-boss
    // serialises that with a transaction-scoped advisory lock (the loser of a leftover catalog
    // race starts again, see startQueueClient).
    const bosses = await Promise.all([startQueueClient(options, (error) => errors.push(error)), startQueueClient(options, (error) => errors.push(error))]);
    cleanups.push(() => Promise.all(bosses.map((boss) => boss.stop({ graceful: false, wait: true }))).then(() => undefined));
    const [a, b] = bosses as [PgBoss, PgBoss];

    await a.createQueue("pooled");
    const ids = await Promise.all(Array.from({ length: 20 }, (_, i) => a.send("pooled", { i })));
    const fetched = [...(await a.fetch<{ i: number }>("pooled", { batchSize: 10 })), ...(await b.fetch<{ i: number }>("pooled", { batchSize: 10 }))];
    expect(new Set(fetched.map((job) => job.id))).toEqual(new Set(ids));
    await a.complete("pooled", fetched.slice(0, 10).map((job) => job.id));
    await b.complete("pooled", fetched.slice(10).map((job) => job.id));
    const states = await Promise.all(ids.map((id) => b.getJobById("pooled", id!)));
    expect(states.map((job) => job?.state)).toEqual(Array(20).fill("completed"));

    await a.createQueue("pooled-cron");
    await a.schedule("pooled-cron", "* * * * *", { from: "cron" });
    await expect.poll(async () => (await b.fetch<{ from: string }>("pooled-cron")).map((job) => job.data.from), { timeout: 20_000, interval: 250 }).toEqual(["cron"]);

    // Maintenance (expire, archive, drop) as the supervisor runs it, on demand.
    await a.createQueue("pooled-expiring");
    const expiring = await a.send("pooled-expiring", {}, { expireInSeconds: 1, retryLimit: 0 });
    expect(await a.fetch("pooled-expiring")).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await (a as unknown as { maintain(): Promise<unknown> }).maintain();
    expect((await a.getJobById("pooled-expiring", expiring!))?.state).toBe("failed");
    expect(errors).toEqual([]);
  });
});

describe("what needs DATABASE_SESSION_URL (a session of its own)", () => {
  it("LISTEN through the pooler hears nothing: notifications go to a server session the listener no longer holds", async () => {
    const heard: string[] = [];
    const listener = postgres({ ...parseDatabaseUrl(bouncer.url), max: 1, fetch_types: false, onnotice: () => undefined });
    cleanups.push(() => listener.end({ timeout: 1 }));
    await listener.listen("pooled_channel", (payload) => heard.push(payload));
    for (let i = 0; i < 5; i++) await db().$executeRaw`SELECT pg_notify('pooled_channel', ${String(i)})`;
    await direct.query(`SELECT pg_notify('pooled_channel', 'direct')`);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(heard).toEqual([]);
  });

  it("a migration through the pooler leaves Prisma's session advisory lock held on a pooled server connection", async () => {
    const database = uniqueDatabaseName("vigil_pooled_migration");
    const admin = inject("postgresAdminUrl");
    await adminQuery(admin, `CREATE DATABASE "${database}"`);
    cleanups.push(() => adminQuery(admin, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`));
    const migrationBouncer = await startPgBouncer(withDatabase(admin, database), { poolSize: POOL_SIZE });
    cleanups.push(() => migrationBouncer.stop());
    const held = async () =>
      Number((await direct.query(`SELECT count(*)::int AS n FROM pg_locks l JOIN pg_database d ON d.oid = l.database WHERE l.locktype = 'advisory' AND l.objid = $1 AND d.datname = $2`, [MIGRATION_LOCK_KEY, database])).rows[0].n);

    // Through the pooler the unlock runs on whichever server session is free, and the lock stays
    // with the pooled connection that took it: the next deploy on another one would wait for it.
    expect((await applyMigrations(migrationBouncer.url)).length).toBeGreaterThan(0);
    expect(await held()).toBe(1);
    // Stopping the pooler closes its server connections: only then does the lock go. A backend
    // releases its locks as it exits, a moment after its socket closed, hence the polls.
    await migrationBouncer.stop();
    await expect.poll(held, { timeout: 10_000, interval: 50 }).toBe(0);
    // Directly (what `npm start` does with DATABASE_SESSION_URL) the lock goes with the session.
    expect(await applyMigrations(withDatabase(admin, database))).toEqual([]);
    await expect.poll(held, { timeout: 10_000, interval: 50 }).toBe(0);
  });
});
