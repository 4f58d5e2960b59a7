// The timeouts every pool to Vigil's database carries (the Prisma pool, pg-boss's pool), so a
// stuck or hung database turns into an error in bounded time instead of a request that waits:
//   - connect: TCP connect and start-up; a stopped (SIGSTOPped) server still accepts TCP
//     connections — its kernel does — and then never answers;
//   - statement and lock: PostgreSQL's own statement_timeout and lock_timeout, sent as start-up
//     parameters, so a slow query or a lock wait is cancelled by the server, cleanly;
//   - read: a client-side limit for a server that answers nothing at all (hung, or a dead network
//     path), a little longer than the statement timeout so the server's own cancel comes first.
// A transaction-mode pooler (PgBouncer) refuses unknown start-up parameters, so behind one
// (DATABASE_SESSION_URL set) only the client-side limits apply and the server-side ones belong on
// the role (ALTER ROLE … SET statement_timeout, docs/operator-guide.md, "Timeouts").
// The LISTEN connections run no statements; they ping instead (lib/postgres/listen-channels.ts).
import type { PoolConfig } from "pg";
import type { Env } from "../env";

/** How much longer than the statement timeout the client waits for a server that sends nothing. */
const READ_MARGIN_MS = 2_000;

type TimeoutSettings = Pick<Env, "DATABASE_CONNECT_TIMEOUT_MS" | "DATABASE_STATEMENT_TIMEOUT_MS" | "DATABASE_LOCK_TIMEOUT_MS" | "DATABASE_SESSION_URL">;
export type PoolTimeouts = Pick<PoolConfig, "connectionTimeoutMillis" | "query_timeout" | "statement_timeout" | "lock_timeout">;

export function poolTimeouts(config: TimeoutSettings): PoolTimeouts {
  const clientSide = {
    connectionTimeoutMillis: config.DATABASE_CONNECT_TIMEOUT_MS,
    query_timeout: config.DATABASE_STATEMENT_TIMEOUT_MS + READ_MARGIN_MS,
  };
  if (config.DATABASE_SESSION_URL !== undefined) return clientSide;
  return { ...clientSide, statement_timeout: config.DATABASE_STATEMENT_TIMEOUT_MS, lock_timeout: config.DATABASE_LOCK_TIMEOUT_MS };
}
