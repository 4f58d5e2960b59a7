// Load shedding: a worker running short of memory runs fewer checks at once instead of being
// killed (V8's "heap out of memory" abort, or the kernel's OOM killer at a cgroup's limit). Each
// check in flight holds a socket, TLS state and a response being read; fewer at once is the one
// lever the worker has. Checks it cannot run in time are left in the queue for other workers, or
// their slots pass (recorded as missed, never as downtime).
//
// Pure: the figures are read by jobs/memory-watch.ts and passed in.

/** One reading of the worker's memory. Absent limits are not watched. */
export type MemoryFigures = {
  /** V8's old generation in use after the latest full GC (what is alive, not garbage waiting to be collected). */
  heapLiveBytes: number;
  /** What the old generation may grow to (about --max-old-space-size); V8 aborts the process short of it (HEAP_USABLE_SHARE). */
  heapLimitBytes: number;
  rssBytes: number;
  /** WORKER_MEMORY_LIMIT_MB, if set. */
  rssLimitBytes?: number;
  /** The cgroup's working set (usage less inactive file cache) and limit (memory.max), if it has one. */
  cgroupUsedBytes?: number;
  cgroupLimitBytes?: number;
};

export type PressureSource = "heap" | "rss" | "cgroup";
export type MemoryPressure = { ratio: number; source: PressureSource; usedBytes: number; limitBytes: number };

/** Above this share of a limit the worker cuts its concurrency (see nextConcurrency). */
export const HIGH_WATER = 0.85;
/** Below this share of every limit it doubles it again, up to PROBE_CONCURRENCY. */
export const LOW_WATER = 0.7;
/**
 * The share of the old generation's limit a worker can use. V8 aborts ("Ineffective mark-compacts
 * near heap limit") once the old generation is above 80 % of its limit and four full GCs in a row
 * took most of the time — what a heap packed with checks in flight does. Drill 8 saw it die so at
 * 64.5 of 80 MB, just after it began to shed: the heap's pressure is measured against this share.
 */
export const HEAP_USABLE_SHARE = 0.8;
/**
 * Never fewer than this share of PROBE_CONCURRENCY: a shedding worker still checks. Low, because
 * what fits is set by memory, not by the configured limit: in drill 8, 1/16 of 4000 (250 checks of
 * about 60 KB each) still did not fit in what an 80 MB heap left beside an idle worker's 45–50 MB.
 */
const FLOOR_SHARE = 1 / 64;

/** The tightest of the limits watched: the one closest to being reached. */
export function memoryPressure(figures: MemoryFigures): MemoryPressure {
  const candidates: MemoryPressure[] = [pressureOf("heap", figures.heapLiveBytes, figures.heapLimitBytes * HEAP_USABLE_SHARE)];
  if (figures.rssLimitBytes !== undefined) candidates.push(pressureOf("rss", figures.rssBytes, figures.rssLimitBytes));
  if (figures.cgroupUsedBytes !== undefined && figures.cgroupLimitBytes !== undefined) {
    candidates.push(pressureOf("cgroup", figures.cgroupUsedBytes, figures.cgroupLimitBytes));
  }
  return candidates.reduce((tightest, candidate) => (candidate.ratio > tightest.ratio ? candidate : tightest));
}

function pressureOf(source: PressureSource, usedBytes: number, limitBytes: number): MemoryPressure {
  return { source, usedBytes, limitBytes, ratio: limitBytes > 0 ? usedBytes / limitBytes : 0 };
}

/** The lowest concurrency shedding goes down to. */
export function concurrencyFloor(configured: number): number {
  return Math.max(1, Math.ceil(configured * FLOOR_SHARE));
}

/** What a reading is taken on: right after a full GC, or the watch's timer (every 2 s). */
export type ReadingTrigger = "gc" | "timer";

export type ConcurrencyReading = {
  /** PROBE_CONCURRENCY: the limit when memory is plentiful. */
  configured: number;
  /** The limit now. */
  current: number;
  /** Checks running now (holding a place), which may be more than `current` just after a cut. */
  running: number;
  /** memoryPressure(...).ratio */
  ratio: number;
  trigger: ReadingTrigger;
};

/**
 * The next concurrency limit. Above the high-water mark: half of what really runs, not half of the
 * limit — a limit far above the checks in flight (a burst still ramping up) would otherwise take
 * several halvings to bite while memory runs out. While more checks run than the limit already
 * allows it holds: nothing new starts until they finish, and a lower limit would only
 * overshoot once they have. Below the low-water mark it doubles back, but only on the timer: one
 * step per reading every 2 s, so memory freed is seen to stay free before more checks start (GCs
 * can come many times a second). In between it holds, so it does not flap around one threshold.
 */
export function nextConcurrency({ configured, current, running, ratio, trigger }: ConcurrencyReading): number {
  if (ratio >= HIGH_WATER) {
    if (running > current) return current;
    return Math.max(concurrencyFloor(configured), Math.floor(running / 2));
  }
  if (ratio <= LOW_WATER && trigger === "timer") return Math.min(configured, current * 2);
  return current;
}
