import { describe, expect, it, vi } from "vitest";
import { runMomentClockLoop } from "./incident-moment-clock";

const clock = () => new Date();
/** Generous: it only matters when the test fails, and a loaded machine may stall a timer for seconds. */
const WAIT = { timeout: 15_000 };

describe("the incident moment clock loop", () => {
  it("runs at the planned moment, not before, and plans again after", async () => {
    const due = new Date(Date.now() + 30);
    const runs: Date[] = [];
    const plans: Date[] = [];
    const loop = runMomentClockLoop({
      nextMoment: async (now) => (plans.push(now), now < due ? due : null),
      run: async (now) => void runs.push(now),
      clock,
      log: () => {},
    });
    // A timer may wake the loop a little early by the wall clock: it then plans again before it runs.
    await vi.waitFor(() => expect(plans.at(-1)!.getTime()).toBeGreaterThanOrEqual(due.getTime()), WAIT);
    await loop.stop();
    expect(runs).toHaveLength(1);
    expect(runs[0]!.getTime()).toBeGreaterThanOrEqual(due.getTime());
    expect(plans.filter((plan) => plan >= due)).toHaveLength(1);
  });

  it("runs a moment that comes between the turn's look at the clock and its plan", async () => {
    // Every reading of this clock is a millisecond after the last: the moment comes while the first
    // turn plans, as on a turn woken a little early whose clock ticks on before it plans.
    let reading = Date.parse("2030-01-01T00:00:00Z");
    const due = new Date(reading + 1);
    const runs: Date[] = [];
    const loop = runMomentClockLoop({
      nextMoment: async (now) => (now < due ? due : null),
      run: async (now) => void runs.push(now),
      clock: () => new Date(reading++),
      log: () => {},
      horizonMs: 3_600_000,
    });
    await vi.waitFor(() => expect(runs).toHaveLength(1), WAIT);
    await loop.stop();
    expect(runs[0]!.getTime()).toBeGreaterThanOrEqual(due.getTime());
  });

  it("plans again when woken, long before its horizon", async () => {
    let planned: Date | null = null;
    const runs: Date[] = [];
    const loop = runMomentClockLoop({
      nextMoment: async (now) => (planned && planned > now ? planned : null),
      run: async (now) => void runs.push(now),
      clock,
      log: () => {},
      horizonMs: 3_600_000,
    });
    planned = new Date(Date.now() + 20);
    loop.wake();
    await vi.waitFor(() => expect(runs).toHaveLength(1), WAIT);
    await loop.stop();
  });

  it("keeps going after a failed run or plan", async () => {
    const messages: string[] = [];
    let plans = 0;
    let due: Date | null = null;
    const loop = runMomentClockLoop({
      nextMoment: async (now) => {
        plans++;
        if (plans === 1) throw new Error("database away");
        // One moment, planned again until it has come (a timer may wake the loop a little early).
        due ??= new Date(now.getTime() + 5);
        return due > now ? due : null;
      },
      run: async () => {
        throw new Error("deadlock");
      },
      clock,
      log: (message) => messages.push(message),
      horizonMs: 10,
    });
    await vi.waitFor(() => expect(messages).toContain("incident moment clock: run failed: deadlock"), WAIT);
    await loop.stop();
    expect(messages).toEqual(expect.arrayContaining(["incident moment clock: planning failed: database away", "incident moment clock: run failed: deadlock"]));
  });
});
