// Reads this worker's memory right after every full GC and every 2 s, and sets how many checks it
// runs at once (policy: jobs/memory-pressure.ts). Right after a full GC is when the live heap is
// known, and when a burst of checks crossing the high-water mark shows: a timer alone let a burst
// exhaust an 80 MB heap between two readings (drill 8). Says so in one log line when shedding
// starts and one when it ends; the current limit is on /metrics (vigil_probe_concurrency_limit,
// vigil_probe_load_shedding).
import { readFile } from "node:fs/promises";
import { constants, PerformanceObserver, type PerformanceEntry } from "node:perf_hooks";
import v8 from "node:v8";
import { observeProbeConcurrency } from "../lib/metrics/process-metrics";
import { memoryPressure, nextConcurrency, type MemoryPressure, type ReadingTrigger } from "./memory-pressure";

export type MemoryWatchOptions = {
  /** PROBE_CONCURRENCY: the limit when memory is plentiful. */
  configured: number;
  /** Checks running now (the probe runner's count). */
  running: () => number;
  /** WORKER_MEMORY_LIMIT_MB in bytes, if set. */
  rssLimitBytes?: number;
  everyMs?: number;
  log: (message: string) => void;
};

export type MemoryWatch = {
  /** Checks to run at once now. */
  concurrency(): number;
  stop(): void;
};

const MB = 1024 * 1024;
/** A "gc" performance entry (Node's types leave `detail` off the base entry). */
type GcEntry = PerformanceEntry & { detail?: { kind?: number } };

export function startMemoryWatch(options: MemoryWatchOptions): MemoryWatch {
  let limit = options.configured;
  observeProbeConcurrency(limit, options.configured, 0);
  const heap = oldGeneration();

  const check = async (trigger: ReadingTrigger) => {
    const cgroup = await cgroupMemory().catch(() => undefined);
    const pressure = memoryPressure({
      ...heap.figures(),
      rssBytes: process.memoryUsage.rss(),
      rssLimitBytes: options.rssLimitBytes,
      cgroupUsedBytes: cgroup?.usedBytes,
      cgroupLimitBytes: cgroup?.limitBytes,
    });
    const running = options.running();
    const next = nextConcurrency({ configured: options.configured, current: limit, running, ratio: pressure.ratio, trigger });
    observeProbeConcurrency(next, options.configured, pressure.ratio);
    if (next === limit) return;
    if (limit === options.configured) options.log(`memory runs short (${describe(pressure)}, ${running} checks running): shedding load, at most ${next} checks at once instead of ${options.configured}`);
    else if (next === options.configured) options.log(`memory recovered (${describe(pressure)}): load shedding ended, back to ${next} checks at once`);
    limit = next;
  };
  // One reading at a time. A full GC during a reading is read again right after it, so the GC
  // that shows memory crossing the mark is never skipped; a timer tick during one is.
  let reading = false;
  let gcSinceReading = false;
  const takeReading = (trigger: ReadingTrigger) => {
    if (reading) {
      if (trigger === "gc") gcSinceReading = true;
      return;
    }
    reading = true;
    void check(trigger).finally(() => {
      reading = false;
      if (gcSinceReading) {
        gcSinceReading = false;
        takeReading("gc");
      }
    });
  };
  const gcs = new PerformanceObserver((list) => {
    if (!list.getEntries().some((entry) => (entry as GcEntry).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR)) return;
    heap.afterFullGc();
    takeReading("gc");
  });
  gcs.observe({ entryTypes: ["gc"] });
  const timer = setInterval(() => takeReading("timer"), options.everyMs ?? 2_000);
  timer.unref();

  return {
    concurrency: () => limit,
    stop() {
      clearInterval(timer);
      gcs.disconnect();
    },
  };
}

/**
 * The old generation, where what lives stays: in use after the latest full GC (before any, in use
 * now), against what it may grow to — V8's heap limit less the young generation (three semi-spaces,
 * of which new_space reports two once grown; --max-semi-space-size is not readable otherwise).
 */
function oldGeneration() {
  let liveBytes: number | undefined;
  let youngBytes = 0;
  const read = () => {
    let used = 0;
    for (const space of v8.getHeapSpaceStatistics()) {
      if (space.space_name === "new_space") youngBytes = Math.max(youngBytes, space.space_size * 1.5);
      else if (space.space_name !== "new_large_object_space") used += space.space_used_size;
    }
    return used;
  };
  return {
    afterFullGc: () => void (liveBytes = read()),
    figures: () => {
      const now = read();
      const limit = v8.getHeapStatistics().heap_size_limit;
      return { heapLiveBytes: Math.min(liveBytes ?? now, now), heapLimitBytes: Math.max(limit / 2, limit - youngBytes) };
    },
  };
}

function describe(pressure: MemoryPressure): string {
  return `${pressure.source} ${Math.round(pressure.usedBytes / MB)} MB of ${Math.round(pressure.limitBytes / MB)} MB, ${Math.round(pressure.ratio * 100)} %`;
}

/** Beyond this a cgroup "limit" is the kernel's way of saying none (v1 writes 2^63 rounded to a page). */
const NO_LIMIT = 2 ** 60;

type CgroupFiles = { dir: string; limit: string; usage: string; inactive: string };

/** Where this process's cgroup memory files are, v1 and/or v2: found once, as a process stays in its cgroup (a failed look is tried again). */
let cgroupFiles: CgroupFiles[] | undefined;

async function findCgroupFiles(): Promise<CgroupFiles[]> {
  const lines = (await readFile("/proc/self/cgroup", "utf8")).split("\n");
  const v2 = lines.find((line) => line.startsWith("0::"))?.slice(3);
  const v1 = lines.map((line) => line.split(":")).find(([, controllers]) => controllers?.split(",").includes("memory"))?.[2];
  return [
    ...(v1 !== undefined ? [{ dir: `/sys/fs/cgroup/memory${v1}`, limit: "memory.limit_in_bytes", usage: "memory.usage_in_bytes", inactive: "total_inactive_file" }] : []),
    ...(v2 !== undefined ? [{ dir: `/sys/fs/cgroup${v2}`, limit: "memory.max", usage: "memory.current", inactive: "inactive_file" }] : []),
  ];
}

/**
 * This process's cgroup memory limit and working set (usage less inactive page cache, which the
 * kernel reclaims before it kills anything), cgroup v2 or v1; undefined when it has no limit. The
 * limit is read every time: an operator may set one on a running service.
 */
async function cgroupMemory(): Promise<{ usedBytes: number; limitBytes: number } | undefined> {
  cgroupFiles ??= await findCgroupFiles();
  for (const variant of cgroupFiles) {
    const limitText = await readFile(`${variant.dir}/${variant.limit}`, "utf8").catch(() => undefined);
    if (limitText === undefined) continue;
    const limitBytes = Number(limitText.trim());
    if (!Number.isFinite(limitBytes) || limitBytes >= NO_LIMIT) return undefined; // "max", or v1's "unlimited"
    const usage = Number((await readFile(`${variant.dir}/${variant.usage}`, "utf8")).trim());
    const stat = await readFile(`${variant.dir}/memory.stat`, "utf8");
    const inactive = Number(new RegExp(`^${variant.inactive} (\\d+)$`, "m").exec(stat)?.[1] ?? 0);
    return { usedBytes: Math.max(0, usage - inactive), limitBytes };
  }
  return undefined;
}
