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

/** Heartbeats of workers that stopped long ago are history, not liveness: drop them. */
export async function pruneHeartbeats(olderThan: Date): Promise<number> {
  const { count } = await db().workerHeartbeat.deleteMany({ where: { lastSeenAt: { lt: olderThan } } });
  return count;
}

export type RegionLiveness = { region: string; workers: number; lastSeenAt: Date; ageSeconds: number; stale: boolean };

/**
 * Liveness per region. A region is stale after three missed heartbeats.
 * `heartbeatSeconds` is the configured interval (the same setting the workers use).
 */
export async function readWorkerLiveness(now: Date, heartbeatSeconds: number): Promise<RegionLiveness[]> {
  const staleAfterMs = 3 * heartbeatSeconds * 1000;
  const rows = await db().workerHeartbeat.groupBy({
    by: ["region"],
    _max: { lastSeenAt: true },
    _count: { _all: true },
    where: { lastSeenAt: { gte: new Date(now.getTime() - 24 * 3600 * 1000) } },
    orderBy: { region: "asc" },
  });
  return rows.flatMap((row) => {
    const lastSeenAt = row._max.lastSeenAt;
    if (!lastSeenAt) return [];
    const ageMs = Math.max(0, now.getTime() - lastSeenAt.getTime());
    return [{ region: row.region, workers: row._count._all, lastSeenAt, ageSeconds: Math.round(ageMs / 100) / 10, stale: ageMs > staleAfterMs }];
  });
}
