// The status snapshot as the public page, the API, the feeds and the badges get it: cached per
// change-feed generation, persisted for restarts, and served stale (flagged) when the database is
// down. `now` is a parameter so tests drive the clock.
//
// Worker liveness is the one thing that changes without a write (a worker that stops beating
// writes nothing, and heartbeats themselves do not notify: they would defeat the cache). So a
// watcher checks liveness — one small query — when the newest heartbeat would turn stale (or every
// WORKER_RECHECK_MS while none is alive), updates the cached snapshot's heartbeat in place, and
// moves the feed's generation only when the "monitoring is delayed" notice appears or goes.
import "server-only";
import { changeFeed } from "../live/change-feed";
import { env } from "../env";
import { readWorkerLiveness } from "../workers/heartbeats";
import { readStatusSnapshot } from "./read-status-snapshot";
import type { StatusSnapshot } from "./status-snapshot-types";
import { cachedView } from "./view-cache";

const WORKER_RECHECK_MS = 30_000;
const DAY_MS = 86_400_000;

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
    // The 90 daily bars move on at UTC midnight without any write.
    refreshAt: () => new Date((Math.floor(now.getTime() / DAY_MS) + 1) * DAY_MS),
  });
  if (!stale) watchWorkerLiveness(value, now);
  return { snapshot: value, stale, monitoringStale: isMonitoringStale(value, now) };
}

export function isMonitoringStale(snapshot: StatusSnapshot, now: Date): boolean {
  const last = snapshot.worker.lastHeartbeatAt;
  return !last || now.getTime() - Date.parse(last) > snapshot.worker.staleAfterSeconds * 1000;
}

/** `shownStale`: whether pages rendered from this snapshot show the monitoring notice now. */
type Watcher = { snapshot: StatusSnapshot; timer: NodeJS.Timeout; shownStale: boolean };
const holder = globalThis as { vigilLivenessWatcher?: Watcher };

/** One watcher per process, following the newest snapshot. */
function watchWorkerLiveness(snapshot: StatusSnapshot, now: Date): void {
  if (holder.vigilLivenessWatcher?.snapshot === snapshot) return;
  if (holder.vigilLivenessWatcher) clearTimeout(holder.vigilLivenessWatcher.timer);
  schedule(snapshot, now);
}

function schedule(snapshot: StatusSnapshot, now: Date): void {
  const last = snapshot.worker.lastHeartbeatAt;
  const staleAt = last ? Date.parse(last) + snapshot.worker.staleAfterSeconds * 1000 + 1 : 0;
  const delay = staleAt > now.getTime() ? staleAt - now.getTime() : WORKER_RECHECK_MS;
  const shownStale = isMonitoringStale(snapshot, now);
  const timer = setTimeout(() => void check(snapshot, shownStale), delay);
  timer.unref();
  holder.vigilLivenessWatcher = { snapshot, timer, shownStale };
}

async function check(snapshot: StatusSnapshot, shownStale: boolean): Promise<void> {
  const at = new Date();
  try {
    const regions = await readWorkerLiveness(at, env().WORKER_HEARTBEAT_SECONDS);
    const freshest = regions.reduce<Date | null>((best, region) => (!best || region.lastSeenAt > best ? region.lastSeenAt : best), null);
    if (freshest) snapshot.worker.lastHeartbeatAt = freshest.toISOString();
  } catch {
    // Database unreachable: the view cache already serves this snapshot as stale.
  }
  if (holder.vigilLivenessWatcher?.snapshot !== snapshot) return;
  if (isMonitoringStale(snapshot, at) !== shownStale) changeFeed().invalidateAt(at, at);
  schedule(snapshot, at);
}
