// What the benchmarks share: a throwaway embedded PostgreSQL with Vigil's schema, row counters,
// database size, and the schedule-lag figures read from stored check results.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type pg from "pg";
import { startEmbeddedPostgres } from "../lib/postgres/embedded";
import { applyMigrations } from "../lib/postgres/migrate";
import { freePort } from "../test/postgres-server";
import { connect } from "../test/vigil-processes";

export type BenchDatabase = { url: string; client: pg.Client; stop(): Promise<void> };

export async function startBenchDatabase(name: string): Promise<BenchDatabase> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "vigil-bench-"));
  // Benchmarks start several workers and web instances on one cluster.
  const server = await startEmbeddedPostgres({ dataDir, port: await freePort(), database: name, maxConnections: 200 });
  await applyMigrations(server.url);
  const client = await connect(server.url);
  return {
    url: server.url,
    client,
    async stop() {
      await client.end().catch(() => {});
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export type RowCounters = { inserted: number; updated: number; deleted: number };

export async function rowCounters(client: pg.Client): Promise<RowCounters> {
  const { rows } = await client.query(
    `SELECT tup_inserted::bigint AS inserted, tup_updated::bigint AS updated, tup_deleted::bigint AS deleted
     FROM pg_stat_database WHERE datname = current_database()`,
  );
  const row = rows[0] as { inserted: string; updated: string; deleted: string };
  return { inserted: Number(row.inserted), updated: Number(row.updated), deleted: Number(row.deleted) };
}

export type DatabaseBytes = {
  total: number;
  checkResults: number;
  monitorRollups: number;
  componentRollups: number;
  queue: number;
  /** Rows, for bytes per row. */
  checkResultRows: number;
  monitorRollupRows: number;
  componentRollupRows: number;
};

/** The database's size, the tables that grow with time or monitors, and pg-boss's queue tables. */
export async function databaseBytes(client: pg.Client): Promise<DatabaseBytes> {
  const { rows } = await client.query(
    `SELECT pg_database_size(current_database())::bigint AS total,
            pg_total_relation_size('"CheckResult"')::bigint AS check_results,
            pg_total_relation_size('"MonitorRollup"')::bigint AS monitor_rollups,
            pg_total_relation_size('"ComponentRollup"')::bigint AS component_rollups,
            coalesce((SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                      WHERE n.nspname = 'pgboss' AND c.relkind IN ('r', 'p')), 0)::bigint AS queue,
            (SELECT count(*) FROM "CheckResult")::bigint AS check_result_rows,
            (SELECT count(*) FROM "MonitorRollup")::bigint AS monitor_rollup_rows,
            (SELECT count(*) FROM "ComponentRollup")::bigint AS component_rollup_rows`,
  );
  const row = rows[0] as Record<string, string>;
  return {
    total: Number(row.total),
    checkResults: Number(row.check_results),
    monitorRollups: Number(row.monitor_rollups),
    componentRollups: Number(row.component_rollups),
    queue: Number(row.queue),
    checkResultRows: Number(row.check_result_rows),
    monitorRollupRows: Number(row.monitor_rollup_rows),
    componentRollupRows: Number(row.component_rollup_rows),
  };
}

export type ScheduleLag = { checks: number; p50: number; p99: number; max: number; notUp: number };

/** Due → start lag (checkedAt − slotAt, seconds) of the slots in [from, to). */
export async function scheduleLag(client: pg.Client, from: Date, to: Date): Promise<ScheduleLag> {
  const { rows } = await client.query(
    `SELECT count(*)::int AS checks,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM "checkedAt" - "slotAt")) AS p50,
            percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM "checkedAt" - "slotAt")) AS p99,
            max(extract(epoch FROM "checkedAt" - "slotAt")) AS max,
            count(*) FILTER (WHERE state <> 'up')::int AS not_up
     FROM "CheckResult" WHERE "slotAt" >= $1 AND "slotAt" < $2`,
    [from, to],
  );
  const row = rows[0] as { checks: number; p50: number; p99: number; max: number; not_up: number };
  return { checks: row.checks, p50: Number(row.p50), p99: Number(row.p99), max: Number(row.max), notUp: row.not_up };
}
