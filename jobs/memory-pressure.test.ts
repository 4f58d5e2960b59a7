import { describe, expect, it } from "vitest";
import { concurrencyFloor, memoryPressure, nextConcurrency, type MemoryFigures, type ReadingTrigger } from "./memory-pressure";

const MB = 1024 * 1024;
const heapOnly = (heapLiveMb: number, heapLimitMb = 200): MemoryFigures => ({ heapLiveBytes: heapLiveMb * MB, heapLimitBytes: heapLimitMb * MB, rssBytes: 300 * MB });

describe("memoryPressure", () => {
  it.each([
    { name: "heap alone (no limits configured), against the 80 % of its limit V8 lets a process use", figures: heapOnly(100), source: "heap", ratio: 0.625 },
    { name: "heap at V8's ineffective-GC line: full pressure", figures: heapOnly(160), source: "heap", ratio: 1 },
    { name: "RSS against WORKER_MEMORY_LIMIT_MB when it is tighter", figures: { ...heapOnly(100), rssLimitBytes: 400 * MB }, source: "rss", ratio: 0.75 },
    { name: "heap when the RSS limit is looser", figures: { ...heapOnly(144), rssLimitBytes: 1000 * MB }, source: "heap", ratio: 0.9 },
    { name: "the cgroup's working set against memory.max", figures: { ...heapOnly(20), cgroupUsedBytes: 950 * MB, cgroupLimitBytes: 1000 * MB }, source: "cgroup", ratio: 0.95 },
    { name: "a cgroup usage without a limit is not watched", figures: { ...heapOnly(20), cgroupUsedBytes: 950 * MB }, source: "heap", ratio: 0.125 },
  ] as const)("$name", ({ figures, source, ratio }) => {
    const pressure = memoryPressure(figures);
    expect(pressure.source).toBe(source);
    expect(pressure.ratio).toBeCloseTo(ratio);
  });
});

describe("nextConcurrency", () => {
  it.each([
    { name: "calm: stays at the configured limit", current: 200, running: 150, ratio: 0.4, next: 200 },
    { name: "above the high-water mark, all places taken: halves", current: 200, running: 200, ratio: 0.9, next: 100 },
    { name: "above the mark with far fewer running than the limit allows: half of what runs, so the first cut bites", current: 200, running: 60, ratio: 0.9, next: 30 },
    { name: "a burst far below a large limit: half of what runs", configured: 4000, current: 4000, running: 870, ratio: 0.88, next: 435 },
    { name: "still above, the last cut has taken effect: halves again", current: 100, running: 100, ratio: 0.86, next: 50 },
    { name: "still above, more running than the last cut allows: holds while they finish", current: 100, running: 180, ratio: 0.95, next: 100 },
    { name: "above the mark right after a full GC: cuts at once, as on the timer", current: 200, running: 120, ratio: 0.9, trigger: "gc", next: 60 },
    { name: "never below the floor (1/64 of the configured limit)", current: 4, running: 4, ratio: 0.99, next: 4 },
    { name: "nothing running, memory short all the same: the floor", current: 200, running: 0, ratio: 0.9, next: 4 },
    { name: "between the marks: holds (no flapping)", current: 50, running: 50, ratio: 0.8, next: 50 },
    { name: "below the low-water mark: doubles back", current: 50, running: 50, ratio: 0.6, next: 100 },
    { name: "below the low-water mark right after a full GC: holds (climbing waits for the timer)", current: 50, running: 50, ratio: 0.6, trigger: "gc", next: 50 },
    { name: "doubling stops at the configured limit", current: 150, running: 20, ratio: 0.1, next: 200 },
    { name: "a limit of one stays one", configured: 1, current: 1, running: 1, ratio: 0.99, next: 1 },
  ] as const)("$name", ({ configured = 200, trigger = "timer", next, ...reading }: { configured?: number; trigger?: ReadingTrigger; current: number; running: number; ratio: number; next: number }) => {
    expect(nextConcurrency({ configured, trigger, ...reading })).toBe(next);
  });

  it("sheds down to the floor and climbs back to the configured limit as pressure comes and goes", () => {
    let limit = 200;
    const seen: number[] = [];
    for (const ratio of [0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.8, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5]) {
      limit = nextConcurrency({ configured: 200, current: limit, running: limit, ratio, trigger: "timer" });
      seen.push(limit);
    }
    expect(seen).toEqual([100, 50, 25, 12, 6, 4, 4, 8, 16, 32, 64, 128, 200, 200]);
    expect(concurrencyFloor(200)).toBe(4);
  });
});
