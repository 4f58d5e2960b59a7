// Health of this Vigil installation: is the database reachable, is a worker alive?
import "server-only";
import { db } from "./db";
import { env } from "./env";
import { VIGIL_VERSION } from "./version";
import { readWorkerLiveness, type RegionLiveness } from "./workers/heartbeats";

export type Health = {
  status: "ok" | "unhealthy";
  version: string;
  checkedAt: string;
  database: { reachable: boolean; latencyMs: number | null; error: string | null };
  worker: {
    alive: boolean;
    lastHeartbeatAt: string | null;
    heartbeatAgeSeconds: number | null;
    staleAfterSeconds: number;
    regions: { region: string; workers: number; lastHeartbeatAt: string; ageSeconds: number; stale: boolean }[];
  };
};

/**
 * How long the health check waits for the database. Load balancers and uptime checks time out
 * after a few seconds and would read a hang as "no answer": past this, the database counts as
 * unreachable ("Timeout") and the endpoint answers at once, whatever the database does.
 */
const DATABASE_DEADLINE_MS = 1_500;

export async function checkHealth(now: Date): Promise<Health> {
  const heartbeatSeconds = env().WORKER_HEARTBEAT_SECONDS;
  const started = performance.now();
  let regions: RegionLiveness[] = [];
  let databaseError: string | null = null;
  let timer: NodeJS.Timeout | undefined;
  const reading = (async () => {
    await db().$queryRaw`SELECT 1`;
    return readWorkerLiveness(now, heartbeatSeconds);
  })();
  try {
    const deadline = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new DatabaseTimeout()), DATABASE_DEADLINE_MS)));
    regions = await Promise.race([reading, deadline]);
  } catch (error) {
    databaseError = databaseFailureKind(error);
  } finally {
    clearTimeout(timer);
  }
  const latencyMs = databaseError ? null : Math.round(performance.now() - started);
  const freshest = regions.reduce<RegionLiveness | null>(
    (best, region) => (!best || region.lastSeenAt > best.lastSeenAt ? region : best),
    null,
  );
  const workerAlive = regions.some((region) => !region.stale);
  return {
    status: !databaseError && workerAlive ? "ok" : "unhealthy",
    version: VIGIL_VERSION,
    checkedAt: now.toISOString(),
    database: { reachable: !databaseError, latencyMs, error: databaseError },
    worker: {
      alive: workerAlive,
      lastHeartbeatAt: freshest?.lastSeenAt.toISOString() ?? null,
      heartbeatAgeSeconds: freshest?.ageSeconds ?? null,
      staleAfterSeconds: 3 * heartbeatSeconds,
      regions: regions.map(({ lastSeenAt, ...region }) => ({ ...region, lastHeartbeatAt: lastSeenAt.toISOString() })),
    },
  };
}

class DatabaseTimeout extends Error {
  override name = "Timeout";
}

/** The failure class only: driver messages may contain host names and user names. */
function databaseFailureKind(error: unknown): string {
  const failure = error as { code?: string; name?: string; meta?: { driverAdapterError?: { cause?: { kind?: string } } } };
  return failure.meta?.driverAdapterError?.cause?.kind ?? failure.code ?? failure.name ?? "error";
}
