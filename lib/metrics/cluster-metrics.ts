// Cluster-wide figures for /metrics, read from the database at scrape time. Every web instance
// answers with the same numbers (they come from the one database, not from this process), so
// Prometheus may scrape any instance, or all of them behind a load balancer.
import "server-only";
import { db } from "../db";
import { CERTIFICATE_SEEN_WITHIN_MS } from "../monitors/confirm-monitor-states";
import { readWorkerLiveness, staleAfterMs } from "../workers/heartbeats";

/** Check results counted over this trailing window (a gauge: results per kind/state/region). */
export const RECENT_CHECKS_WINDOW_SECONDS = 300;

export type ClusterMetrics = {
  recentChecks: { kind: string; state: string; region: string; count: number }[];
  monitorStates: { state: string; count: number }[];
  openIncidents: { impact: string; count: number }[];
  outbox: { status: "pending" | "failed"; count: number }[];
  queueDepth: { queue: string; state: string; count: number }[];
  workers: { workerId: string; region: string; ageSeconds: number }[];
  regions: { region: string; ageSeconds: number; stale: boolean }[];
  certificates: { monitorId: string; monitor: string; daysLeft: number }[];
};

export async function readClusterMetrics(now: Date, heartbeatSeconds: number): Promise<ClusterMetrics> {
  const client = db();
  const since = new Date(now.getTime() - RECENT_CHECKS_WINDOW_SECONDS * 1000);
  const [recentChecks, monitorStates, openIncidents, outbox, queueDepth, workers, regions, certificates] = await Promise.all([
    client.$queryRaw<{ kind: string; state: string; region: string; count: number }[]>`
      SELECT m.kind::text AS kind, r.state::text AS state, r.region, count(*)::int AS count
      FROM "CheckResult" r JOIN "Monitor" m ON m.id = r."monitorId"
      WHERE r."checkedAt" > ${since} AND r."checkedAt" <= ${now}
      GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    client.$queryRaw<{ state: string; count: number }[]>`
      SELECT state::text AS state, count(*)::int AS count FROM "Monitor" WHERE enabled GROUP BY 1 ORDER BY 1`,
    client.$queryRaw<{ impact: string; count: number }[]>`
      SELECT impact::text AS impact, count(*)::int AS count FROM "Incident"
      WHERE kind = 'incident' AND status NOT IN ('resolved', 'postmortem') GROUP BY 1 ORDER BY 1`,
    client.$queryRaw<{ status: "pending" | "failed"; count: number }[]>`
      SELECT status::text AS status, count(*)::int AS count FROM "OutboxMessage"
      WHERE status IN ('pending', 'failed') GROUP BY 1 ORDER BY 1`,
    readQueueDepth(),
    client.$queryRaw<{ workerId: string; region: string; ageSeconds: number }[]>`
      SELECT "workerId", region, greatest(0, extract(epoch FROM ${now}::timestamptz - "lastSeenAt"))::float8 AS "ageSeconds"
      FROM "WorkerHeartbeat" WHERE "lastSeenAt" >= ${new Date(now.getTime() - staleAfterMs(heartbeatSeconds))} ORDER BY region, "workerId"`,
    readWorkerLiveness(now, heartbeatSeconds),
    // The newest certificate seen per monitor that has one (https or tls), if seen recently.
    client.$queryRaw<{ monitorId: string; monitor: string; expiresAt: Date }[]>`
      SELECT id AS "monitorId", name AS monitor, "certExpiresAt" AS "expiresAt" FROM "Monitor"
      WHERE enabled AND "certExpiresAt" IS NOT NULL AND "certSeenAt" > ${new Date(now.getTime() - CERTIFICATE_SEEN_WITHIN_MS)}
      ORDER BY id`,
  ]);
  return {
    recentChecks,
    monitorStates,
    openIncidents,
    outbox,
    queueDepth,
    workers,
    regions: regions.map(({ region, ageSeconds, stale }) => ({ region, ageSeconds, stale })),
    certificates: certificates.map(({ monitorId, monitor, expiresAt }) => ({
      monitorId,
      monitor,
      // Fractional days: an alert rule can say "< 14" without rounding surprises.
      daysLeft: (expiresAt.getTime() - now.getTime()) / 86_400_000,
    })),
  };
}

/** Jobs waiting or running per pg-boss queue. Before any worker created pg-boss's schema: none. */
async function readQueueDepth(): Promise<{ queue: string; state: string; count: number }[]> {
  try {
    return await db().$queryRaw<{ queue: string; state: string; count: number }[]>`
      SELECT name AS queue, state::text AS state, count(*)::int AS count FROM pgboss.job
      WHERE state IN ('created', 'retry', 'active') GROUP BY 1, 2 ORDER BY 1, 2`;
  } catch (error) {
    if (isMissingRelation(error)) return [];
    throw error;
  }
}

function isMissingRelation(error: unknown): boolean {
  const failure = error as { code?: string; meta?: { code?: string; driverAdapterError?: { cause?: { originalCode?: string; kind?: string } } } };
  const cause = failure.meta?.driverAdapterError?.cause;
  return failure.meta?.code === "42P01" || cause?.originalCode === "42P01" || cause?.kind === "TableDoesNotExist" || /does not exist/.test(String(error));
}
