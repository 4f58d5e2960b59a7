import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { batchSlots, MAX_PROBE_SHARDS, PLAN_WINDOW_MS, probeJobId, probeShardCount, probeShardOf, SLICE_MS, SLOT_GRID_MS, slotPhaseMs, slotsInWindow, untilNextProbeFetch, windowStartAt, windowToPlan } from "./probe-slots";

const T0 = new Date("2026-11-29T10:00:00.000Z");

function slotsOver(monitor: Parameters<typeof slotsInWindow>[0], windows: number) {
  const slots = [];
  for (let i = 0; i < windows; i++) slots.push(...slotsInWindow(monitor, new Date(T0.getTime() + i * PLAN_WINDOW_MS)));
  return slots;
}

describe("slotsInWindow", () => {
  it.each([10, 15, 30, 60, 300, 3600])("covers a %i s interval exactly once per interval across consecutive windows", (seconds) => {
    const monitor = { id: `m-${seconds}`, intervalSeconds: seconds, timeoutMs: 1000, regions: ["local"] };
    const horizonMs = 2 * 3600 * 1000;
    const slots = slotsOver(monitor, horizonMs / PLAN_WINDOW_MS).map((slot) => slot.slotAt.getTime());
    expect(slots.length).toBe(horizonMs / (seconds * 1000));
    for (let i = 1; i < slots.length; i++) expect(slots[i]! - slots[i - 1]!).toBe(seconds * 1000);
    expect((slots[0]! - T0.getTime()) % (seconds * 1000)).toBe(slotPhaseMs(monitor.id, seconds * 1000));
  });

  it("clamps intervals below the 10 s minimum", () => {
    const monitor = { id: "eager", intervalSeconds: 1, timeoutMs: 1000, regions: ["local"] };
    expect(slotsOver(monitor, 12)).toHaveLength(6); // one minute
  });

  it("emits one slot per region at the same instant", () => {
    const monitor = { id: "multi", intervalSeconds: 5, timeoutMs: 1000, regions: ["eu", "us"] };
    const slots = slotsOver(monitor, 2); // the 10 s minimum interval: two windows
    expect(slots.map((slot) => slot.region)).toEqual(["eu", "us"]);
    expect(slots[0]!.slotAt).toEqual(slots[1]!.slotAt);
  });

  it("spreads many monitors over the interval instead of bunching them", () => {
    const perSecond = new Array<number>(60).fill(0);
    for (let i = 0; i < 6000; i++) {
      perSecond[Math.floor(slotPhaseMs(`monitor-${i}`, 60_000) / 1000)]! += 1;
    }
    expect(Math.max(...perSecond)).toBeLessThan(150); // 100 per second on average
    expect(Math.min(...perSecond)).toBeGreaterThan(50);
  });

  it("starts checks together on a quarter-second grid, clear of each second's start", () => {
    const phases = new Set(Array.from({ length: 2000 }, (_, i) => slotPhaseMs(`monitor-${i}`, 20_000)));
    expect(phases.size).toBe(20_000 / SLOT_GRID_MS); // 80 start times, each used
    for (const phase of phases) expect([125, 375, 625, 875]).toContain(phase % 1000);
  });

  it("moves each monitor's phase at most 125 ms from where it was before the grid (upgrades)", () => {
    for (let i = 0; i < 500; i++) {
      const id = `monitor-${i}`;
      const before = createHash("sha256").update(id).digest().readUInt32BE(0) % 60_000;
      expect(Math.abs(slotPhaseMs(id, 60_000) - before)).toBeLessThanOrEqual(125);
    }
  });
});

describe("windows", () => {
  it("plans the window after the current one", () => {
    expect(windowStartAt(new Date("2026-11-29T10:00:07.900Z"))).toEqual(new Date("2026-11-29T10:00:05.000Z"));
    expect(windowToPlan(new Date("2026-11-29T10:00:07.900Z"))).toEqual(new Date("2026-11-29T10:00:10.000Z"));
  });
});

describe("batchSlots", () => {
  it("makes at most one job per (region, second, shard) of a window, whatever the number of monitors", () => {
    const monitors = Array.from({ length: 20_000 }, (_, i) => ({ id: `monitor-${i}`, intervalSeconds: 60, timeoutMs: 1000, regions: ["eu", "us"] }));
    const slots = monitors.flatMap((monitor) => slotsInWindow(monitor, T0));
    const batches = batchSlots(slots);
    expect(slots.length).toBeGreaterThan(3000); // 20,000 monitors × 2 regions / 12 windows a minute
    expect(batches).toHaveLength(2 * (PLAN_WINDOW_MS / SLICE_MS) * MAX_PROBE_SHARDS);
    // Every slot is in exactly one batch, of its region, second and shard.
    expect(batches.reduce((sum, batch) => sum + batch.slots.length, 0)).toBe(slots.length);
    for (const batch of batches) {
      for (const slot of batch.slots) {
        expect(slot.region).toBe(batch.region);
        expect(batch.shards).toBe(MAX_PROBE_SHARDS);
        expect(probeShardOf(slot.monitorId, batch.shards)).toBe(batch.shard);
        expect(slot.slotAt.getTime() - batch.sliceAt.getTime()).toBeGreaterThanOrEqual(0);
        expect(slot.slotAt.getTime() - batch.sliceAt.getTime()).toBeLessThan(SLICE_MS);
      }
    }
  });

  it("keeps a second in one job up to 100 checks, so 1,000 monitors at 20 s make one job a second", () => {
    const monitors = Array.from({ length: 1_000 }, (_, i) => ({ id: `monitor-${i}`, intervalSeconds: 20, timeoutMs: 1000, regions: ["local"] }));
    const slots = monitors.flatMap((monitor) => slotsInWindow(monitor, T0));
    const batches = batchSlots(slots);
    expect(slots.length).toBeGreaterThan(200); // ≈ 1,000 × 5 s / 20 s
    expect(batches).toHaveLength(PLAN_WINDOW_MS / SLICE_MS);
    expect(new Set(batches.map((batch) => batch.sliceAt.getTime())).size).toBe(batches.length);
    expect(batches.every((batch) => batch.shard === 0 && batch.shards === 1)).toBe(true);
    expect(batches.reduce((sum, batch) => sum + batch.slots.length, 0)).toBe(slots.length);
  });

  it.each([
    [1, 1],
    [100, 1],
    [101, 2],
    [250, 3],
    [400, 4],
    [50_000, MAX_PROBE_SHARDS],
  ])("splits a second of %i checks into %i jobs", (checks, shards) => {
    expect(probeShardCount(checks)).toBe(shards);
  });

  it("makes no more jobs than slots for a few monitors", () => {
    const slots = slotsInWindow({ id: "lonely", intervalSeconds: 10, timeoutMs: 1000, regions: ["local"] }, T0);
    expect(batchSlots(slots)).toHaveLength(slots.length);
  });
});

describe("probeJobId", () => {
  it("is a stable UUID per region, second and shard of shards", () => {
    const batch = { region: "local", sliceAt: T0, shard: 1, shards: 2 };
    expect(probeJobId(batch)).toBe(probeJobId({ ...batch }));
    expect(probeJobId(batch)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(probeJobId({ ...batch, region: "eu" })).not.toBe(probeJobId(batch));
    expect(probeJobId({ ...batch, sliceAt: new Date(T0.getTime() + SLICE_MS) })).not.toBe(probeJobId(batch));
    expect(probeJobId({ ...batch, shard: 0 })).not.toBe(probeJobId(batch));
    // A slice split differently by another planner is another job, not a clash of ids.
    expect(probeJobId({ ...batch, shards: 3 })).not.toBe(probeJobId(batch));
  });
});

describe("untilNextProbeFetch", () => {
  const second = Date.parse("2026-12-06T10:00:00.000Z");
  it.each([
    [0, 20],
    [19, 1],
    [20, 230],
    [130, 120],
    [250, 770],
    [999, 21],
  ])("after an empty fetch %i ms into a second, looks again in %i ms: just after the next second begins, and once more a quarter second in", (into, wait) => {
    expect(untilNextProbeFetch(second + into)).toBe(wait);
  });

  it.each([
    [25, 995],
    [250, 770],
    [999, 21],
  ])("having taken a job in this second, an empty fetch %i ms in looks again in %i ms: when the next second begins", (into, wait) => {
    expect(untilNextProbeFetch(second + into, true)).toBe(wait);
  });

  it("looks twice a second while there is nothing to take, the first time just after the second begins", () => {
    let now = second + 500;
    const looksBySecond = new Map<number, number[]>();
    for (;;) {
      now += untilNextProbeFetch(now) + 3; // a fetch takes a few milliseconds
      if (now >= second + 11_000) break;
      const slice = Math.floor(now / SLICE_MS);
      looksBySecond.set(slice, [...(looksBySecond.get(slice) ?? []), now % SLICE_MS]);
    }
    expect(looksBySecond.size).toBe(10);
    for (const looks of looksBySecond.values()) expect(looks).toEqual([23, 253]);
  });
});
