import { describe, expect, it } from "vitest";
import { PLAN_WINDOW_MS, probeJobId, slotPhaseMs, slotsInWindow, windowStartAt, windowToPlan } from "./probe-slots";

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
    const slots = slotsInWindow(monitor, T0);
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
});

describe("windows", () => {
  it("plans the window after the current one", () => {
    expect(windowStartAt(new Date("2026-11-29T10:00:07.900Z"))).toEqual(new Date("2026-11-29T10:00:05.000Z"));
    expect(windowToPlan(new Date("2026-11-29T10:00:07.900Z"))).toEqual(new Date("2026-11-29T10:00:10.000Z"));
  });
});

describe("probeJobId", () => {
  it("is a stable UUID per region, monitor and slot", () => {
    const slot = { monitorId: "m1", region: "local", slotAt: T0 };
    expect(probeJobId(slot)).toBe(probeJobId({ ...slot }));
    expect(probeJobId(slot)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(probeJobId({ ...slot, region: "eu" })).not.toBe(probeJobId(slot));
    expect(probeJobId({ ...slot, slotAt: new Date(T0.getTime() + 1) })).not.toBe(probeJobId(slot));
  });
});
