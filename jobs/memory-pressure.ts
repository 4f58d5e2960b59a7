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
  /** What the old generation may grow to (about --max-old-space-size); beyond it V8 aborts the process. */
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

/** Above this share of a limit the worker halves its concurrency, again at every reading. */
export const HIGH_WATER = 0.85;
/** Below this share of every limit it doubles it again, up to PROBE_CONCURRENCY. */
export const LOW_WATER = 0.7;
/** Never fewer than this share of PROBE_CONCURRENCY: a shedding worker still checks. */
const FLOOR_SHARE = 1 / 16;

/** The tightest of the limits watched: the one closest to being reached. */
export function memoryPressure(figures: MemoryFigures): MemoryPressure {
  const candidates: MemoryPressure[] = [pressureOf("heap", figures.heapLiveBytes, figures.heapLimitBytes)];
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

/**
 * The next concurrency limit: halved above the high-water mark, doubled back below the low-water
 * mark, held in between (so it does not flap around one threshold).
 */
export function nextConcurrency(configured: number, current: number, ratio: number): number {
  if (ratio >= HIGH_WATER) return Math.max(concurrencyFloor(configured), Math.floor(current / 2));
  if (ratio <= LOW_WATER) return Math.min(configured, current * 2);
  return current;
}
