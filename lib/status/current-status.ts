// The status snapshot as the public page, the API, the feeds and the badges get it: cached per
// change-feed generation, persisted for restarts, and served stale (flagged) when the database is
// down. `now` is a parameter so tests drive the clock.
import "server-only";
import { readStatusSnapshot } from "./read-status-snapshot";
import type { StatusSnapshot } from "./status-snapshot-types";
import { cachedView } from "./view-cache";

/** While no worker beats, look again this often (a restarted worker also notifies by itself). */
const WORKER_RECHECK_MS = 30_000;

export type CurrentStatus = {
  snapshot: StatusSnapshot;
  /** The database could not be read: this is the last good snapshot, from `snapshot.generatedAt`. */
  stale: boolean;
  /** No worker heartbeat for three intervals: monitoring data is not being refreshed. */
  monitoringStale: boolean;
};

export async function currentStatus(now: Date = new Date()): Promise<CurrentStatus> {
  const { value, stale } = await cachedView("status-snapshot", () => readStatusSnapshot(now), {
    now,
    persist: true,
    refreshAt: (snapshot) => workerStaleAt(snapshot) ?? new Date(now.getTime() + WORKER_RECHECK_MS),
  });
  return { snapshot: value, stale, monitoringStale: isMonitoringStale(value, now) };
}

/** When the freshest heartbeat will be three intervals old; null when it already is (or none). */
function workerStaleAt(snapshot: StatusSnapshot): Date | null {
  const last = snapshot.worker.lastHeartbeatAt;
  if (!last) return null;
  const at = new Date(Date.parse(last) + snapshot.worker.staleAfterSeconds * 1000 + 1);
  return at.getTime() > Date.parse(snapshot.generatedAt) ? at : null;
}

export function isMonitoringStale(snapshot: StatusSnapshot, now: Date): boolean {
  const last = snapshot.worker.lastHeartbeatAt;
  return !last || now.getTime() - Date.parse(last) > snapshot.worker.staleAfterSeconds * 1000;
}
