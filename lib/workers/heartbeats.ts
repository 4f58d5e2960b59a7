// Worker liveness: each worker upserts its row every WORKER_HEARTBEAT_SECONDS. A trigger
// (prisma/migrations/*_heartbeat_notify) announces every beat on the vigil_heartbeat channel with
// its region and time, so the public page follows liveness from its change feed without querying;
// the health endpoint and the snapshot read (initial liveness) read the rows here.
import "server-only";
import { db } from "../db";

export type WorkerIdentity = {
  workerId: string;
  region: string;
  version: string;
  hostname: string;
  pid: number;
  startedAt: Date;
};

export async function recordHeartbeat(worker: WorkerIdentity, now: Date): Promise<void> {
  await db().workerHeartbeat.upsert({
    where: { workerId: worker.workerId },
    create: { ...worker, lastSeenAt: now },
    update: { lastSeenAt: now, region: worker.region, version: worker.version },
  });
}

/** A worker that stops cleanly says so: it leaves the counts at once instead of after three missed beats. */
export async function deregisterWorker(workerId: string): Promise<void> {
  await db().workerHeartbeat.deleteMany({ where: { workerId } });
}

/** Heartbeats of workers that stopped long ago are history, not liveness: drop them. */
export async function pruneHeartbeats(olderThan: Date): Promise<number> {
  const { count } = await db().workerHeartbeat.deleteMany({ where: { lastSeenAt: { lt: olderThan } } });
  return count;
}

/** `workers`: those that beat within the last three intervals; a worker that missed three is not counted. */
export type RegionLiveness = { region: string; workers: number; lastSeenAt: Date; ageSeconds: number; stale: boolean };

/** A worker (or region) is stale after three missed heartbeats of the configured interval. */
export function staleAfterMs(heartbeatSeconds: number): number {
  return 3 * heartbeatSeconds * 1000;
}

/**
 * Liveness per region seen in the last day: a region whose workers all stopped beating stays
 * listed (stale, 0 workers) so "no worker in eu" is visible, not silent.
 * `heartbeatSeconds` is the configured interval (the same setting the workers use).
 */
export async function readWorkerLiveness(now: Date, heartbeatSeconds: number): Promise<RegionLiveness[]> {
  const liveSince = new Date(now.getTime() - staleAfterMs(heartbeatSeconds));
  const rows = await db().workerHeartbeat.findMany({
    where: { lastSeenAt: { gte: new Date(now.getTime() - 24 * 3600 * 1000) } },
    select: { region: true, lastSeenAt: true },
    orderBy: { region: "asc" },
  });
  const regions = new Map<string, { lastSeenAt: Date; workers: number }>();
  for (const row of rows) {
    const region = regions.get(row.region) ?? { lastSeenAt: row.lastSeenAt, workers: 0 };
    if (row.lastSeenAt > region.lastSeenAt) region.lastSeenAt = row.lastSeenAt;
    if (row.lastSeenAt >= liveSince) region.workers += 1;
    regions.set(row.region, region);
  }
  return [...regions].map(([region, { lastSeenAt, workers }]) => {
    const ageMs = Math.max(0, now.getTime() - lastSeenAt.getTime());
    return { region, workers, lastSeenAt, ageSeconds: Math.round(ageMs / 100) / 10, stale: workers === 0 };
  });
}
