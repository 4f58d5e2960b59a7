// The one Prisma client. Only lib/ imports this module; everything else calls domain functions.
import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "./generated/prisma/client";
import { env } from "./env";
import { StartupError } from "./errors";
import { logger } from "./log";
import { parseDatabaseUrl } from "./postgres/connection-config";
import { DEFAULT_APP_POOL_SIZE, type AppPoolSize } from "./postgres/pool-sizes";
import { poolTimeouts } from "./postgres/pool-timeouts";
import { withSerialTransactions } from "./postgres/serial-transactions";

const holder = globalThis as { vigilPrisma?: PrismaClient; vigilPool?: pg.Pool; vigilAppPoolSize?: AppPoolSize };

/** The process's Prisma pool size (lib/postgres/pool-sizes.ts), set by its entry before the first query. */
export function setAppPoolSize(size: AppPoolSize): void {
  holder.vigilAppPoolSize = size;
}

/** Lazily created so that importing lib/ (e.g. during `next build`) needs no database. */
export function db(): PrismaClient {
  if (!holder.vigilPrisma) {
    const url = databaseUrl();
    const { max, kept } = holder.vigilAppPoolSize ?? DEFAULT_APP_POOL_SIZE;
    const pool = new pg.Pool({ ...parseDatabaseUrl(url), max, min: kept, ...poolTimeouts(env()) });
    pool.on("release", discardIfStillWaiting);
    holder.vigilPrisma = new PrismaClient({ adapter: withSerialTransactions(new PrismaPg(pool, { disposeExternalPool: true })) });
    holder.vigilPool = pool;
  }
  return holder.vigilPrisma;
}

/**
 * The connection pool under the Prisma client, for the few statements the probe path sends for
 * every batch or job: the same raw statement costs the worker several times the CPU through
 * Prisma's request pipeline as sent directly (docs/architecture.md, "The probe's hot path").
 * Everything else goes through db().
 */
export function sqlPool(): pg.Pool {
  db();
  return holder.vigilPool!;
}

/**
 * A connection given back while a query on it is still unanswered (the client-side read timeout
 * gave up on a hung server) must serve nobody else: the answer may still come, and a transaction
 * whose ROLLBACK never reached the server may still be open on it. Ending it here makes the pool
 * drop it instead of keeping it (pg-pool checks the client's ending state right after this event).
 */
function discardIfStillWaiting(error: Error | undefined, client: pg.PoolClient) {
  if (error || (client as pg.PoolClient & { readyForQuery?: boolean }).readyForQuery !== false) return;
  logger().warn("discarding a database connection whose query got no answer");
  void client.end().catch(() => undefined);
}

export function databaseUrl(): string {
  const url = env().DATABASE_URL;
  if (!url) {
    throw new StartupError("DATABASE_URL is not set; start Vigil with `npm start`, which provides one");
  }
  return url;
}

export async function disconnectDb(): Promise<void> {
  await holder.vigilPrisma?.$disconnect();
  holder.vigilPrisma = undefined;
  holder.vigilPool = undefined;
}
