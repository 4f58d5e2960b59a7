// The status snapshot as the public page, the API, the feeds and the badges get it: cached per
// change-feed generation, persisted for restarts, and served stale (flagged) when the database is
// down. `now` is a parameter so tests drive the clock.
//
// Worker liveness is the one thing that changes without a status write: heartbeats notify on a
// channel of their own that does not invalidate views (they would defeat the cache), and the
// change feed remembers the newest one (lib/live/change-feed.ts). The snapshot read gives the
// initial liveness (process start, LISTEN reconnect); from then on it is computed in memory from
// the newer of the two, so a cached page makes no query. A worker that stops beating writes
// nothing: a timer set for when the newest heartbeat turns stale moves the feed's generation —
// only when the "monitoring is delayed" notice appears or goes.
import "server-only";
import { changeFeed, type ChangeFeed } from "../live/change-feed";
import { readStatusSnapshot } from "./read-status-snapshot";
import type { StatusSnapshot } from "./status-snapshot-types";
import { cachedView } from "./view-cache";

const DAY_MS = 86_400_000;

export type CurrentStatus = {
  snapshot: StatusSnapshot;
  /** The database could not be read: this is the last good snapshot, from `snapshot.generatedAt`. */
  stale: boolean;
  /** No worker heartbeat for three intervals: monitoring data is not being refreshed. */
  monitoringStale: boolean;
};

export async function currentStatus(now: Date): Promise<CurrentStatus> {
  const { value, stale } = await cachedView("status-snapshot", () => readStatusSnapshot(now), {
    now,
    persist: true,
    // The 90 daily bars move on at UTC midnight without any write.
    refreshAt: () => new Date((Math.floor(now.getTime() / DAY_MS) + 1) * DAY_MS),
  });
  const watch = livenessWatch();
  watch.lastBeat = newest(watch.lastBeat, parseTime(value.worker.lastHeartbeatAt));
  watch.staleAfterMs = value.worker.staleAfterSeconds * 1000;
  follow(watch, now);
  const lastHeartbeatAt = effectiveLastBeat(watch);
  const snapshot =
    lastHeartbeatAt === parseTime(value.worker.lastHeartbeatAt)
      ? value
      : { ...value, worker: { ...value.worker, lastHeartbeatAt: lastHeartbeatAt === null ? null : new Date(lastHeartbeatAt).toISOString() } };
  return { snapshot, stale, monitoringStale: isMonitoringStale(snapshot, now) };
}

export function isMonitoringStale(snapshot: StatusSnapshot, now: Date): boolean {
  return isStale(parseTime(snapshot.worker.lastHeartbeatAt), snapshot.worker.staleAfterSeconds * 1000, now);
}

function isStale(lastBeat: number | null, staleAfterMs: number, now: Date): boolean {
  return lastBeat === null || now.getTime() - lastBeat > staleAfterMs;
}

/**
 * One per process (module state: like the view cache, only the public routes use it).
 * `lastBeat`: the newest heartbeat any snapshot read has shown (epoch ms); `shownStale`: whether
 * pages rendered in the feed's current generation show the monitoring notice (null: none rendered yet).
 */
type LivenessWatch = {
  feed: ChangeFeed;
  lastBeat: number | null;
  staleAfterMs: number;
  shownStale: boolean | null;
  timer: NodeJS.Timeout | undefined;
  stopListening: () => void;
};
let currentWatch: LivenessWatch | undefined;

function livenessWatch(): LivenessWatch {
  const feed = changeFeed();
  const current = currentWatch;
  if (current?.feed === feed) return current;
  // First use, or the feed was replaced (tests stop and restart it).
  if (current) {
    clearTimeout(current.timer);
    current.stopListening();
  }
  const watch: LivenessWatch = { feed, lastBeat: null, staleAfterMs: 0, shownStale: null, timer: undefined, stopListening: () => undefined };
  // A heartbeat may end a "monitoring is delayed" period and always moves the stale time on.
  watch.stopListening = feed.onHeartbeat(() => follow(watch, new Date()));
  currentWatch = watch;
  return watch;
}

function effectiveLastBeat(watch: LivenessWatch): number | null {
  return newest(watch.lastBeat, watch.feed.newestHeartbeat()?.getTime() ?? null);
}

/** Moves the feed's generation when the notice's state changed, and sets the timer for when it will. */
function follow(watch: LivenessWatch, now: Date): void {
  const lastBeat = effectiveLastBeat(watch);
  const stale = isStale(lastBeat, watch.staleAfterMs, now);
  if (stale !== watch.shownStale) {
    if (watch.shownStale !== null) watch.feed.invalidateAt(now, now);
    watch.shownStale = stale;
  }
  clearTimeout(watch.timer);
  watch.timer = undefined;
  // Once stale, only a heartbeat (or a snapshot read showing one) can change the state.
  if (stale || lastBeat === null) return;
  watch.timer = setTimeout(() => follow(watch, new Date()), Math.max(0, lastBeat + watch.staleAfterMs + 1 - now.getTime()));
  watch.timer.unref();
}

function parseTime(iso: string | null): number | null {
  return iso === null ? null : Date.parse(iso);
}

function newest(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.max(a, b);
}
