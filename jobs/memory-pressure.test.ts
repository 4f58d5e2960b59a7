import { describe, expect, it } from "vitest";
import { concurrencyFloor, memoryPressure, nextConcurrency, type MemoryFigures } from "./memory-pressure";

const MB = 1024 * 1024;
const heapOnly = (heapLiveMb: number, heapLimitMb = 200): MemoryFigures => ({ heapLiveBytes: heapLiveMb * MB, heapLimitBytes: heapLimitMb * MB, rssBytes: 300 * MB });

describe("memoryPressure", () => {
  it.each([
    { name: "heap alone (no limits configured)", figures: heapOnly(100), source: "heap", ratio: 0.5 },
    { name: "RSS against WORKER_MEMORY_LIMIT_MB when it is tighter", figures: { ...heapOnly(100), rssLimitBytes: 400 * MB }, source: "rss", ratio: 0.75 },
    { name: "heap when the RSS limit is looser", figures: { ...heapOnly(180), rssLimitBytes: 1000 * MB }, source: "heap", ratio: 0.9 },
    { name: "the cgroup's working set against memory.max", figures: { ...heapOnly(20), cgroupUsedBytes: 950 * MB, cgroupLimitBytes: 1000 * MB }, source: "cgroup", ratio: 0.95 },
    { name: "a cgroup usage without a limit is not watched", figures: { ...heapOnly(20), cgroupUsedBytes: 950 * MB }, source: "heap", ratio: 0.1 },
  ] as const)("$name", ({ figures, source, ratio }) => {
    const pressure = memoryPressure(figures);
    expect(pressure.source).toBe(source);
    expect(pressure.ratio).toBeCloseTo(ratio);
  });
});

describe("nextConcurrency", () => {
  it.each([
    { name: "calm: stays at the configured limit", configured: 200, current: 200, ratio: 0.4, next: 200 },
    { name: "above the high-water mark: halves", configured: 200, current: 200, ratio: 0.9, next: 100 },
    { name: "still above: halves again", configured: 200, current: 100, ratio: 0.86, next: 50 },
    { name: "never below the floor (1/16 of the configured limit)", configured: 200, current: 13, ratio: 0.99, next: 13 },
    { name: "between the marks: holds (no flapping)", configured: 200, current: 50, ratio: 0.8, next: 50 },
    { name: "below the low-water mark: doubles back", configured: 200, current: 50, ratio: 0.6, next: 100 },
    { name: "doubling stops at the configured limit", configured: 200, current: 150, ratio: 0.1, next: 200 },
    { name: "a limit of one stays one", configured: 1, current: 1, ratio: 0.99, next: 1 },
  ])("$name", ({ configured, current, ratio, next }) => {
    expect(nextConcurrency(configured, current, ratio)).toBe(next);
  });

  it("sheds down to the floor and climbs back to the configured limit as pressure comes and goes", () => {
    let limit = 200;
    const seen: number[] = [];
    for (const ratio of [0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.8, 0.5, 0.5, 0.5, 0.5, 0.5]) {
      limit = nextConcurrency(200, limit, ratio);
      seen.push(limit);
    }
    expect(seen).toEqual([100, 50, 25, 13, 13, 13, 13, 26, 52, 104, 200, 200]);
    expect(concurrencyFloor(200)).toBe(13);
  });
});
