import { describe, expect, it } from "vitest";
import { checkIncidentTimes, resolvingUpdate, type TimelineEntry } from "./incident-times";

const T0 = new Date("2026-12-02T09:00:00.000Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const timeline: TimelineEntry[] = [
  { id: "u1", status: "investigating", displayAt: at(0) },
  { id: "u2", status: "monitoring", displayAt: at(20) },
  { id: "u3", status: "resolved", displayAt: at(30) },
];
const resolved = { startedAt: at(0), resolvedAt: at(30), resolved: true };

describe("incident times", () => {
  it("accepts backdating within the timeline", () => {
    expect(checkIncidentTimes({ now: at(60), current: resolved, next: { startedAt: at(-45), resolvedAt: at(25) }, updates: timeline })).toEqual({});
  });

  it("refuses the future, an end before the start, and times that cut the timeline", () => {
    expect(checkIncidentTimes({ now: at(60), current: resolved, next: { startedAt: at(61), resolvedAt: at(62) }, updates: timeline })).toMatchObject({
      startedAt: ["cannot be in the future", expect.stringContaining("no later than the first update")],
      resolvedAt: ["cannot be in the future"],
    });
    expect(checkIncidentTimes({ now: at(60), current: resolved, next: { resolvedAt: at(10) }, updates: timeline }).resolvedAt).toEqual([
      "must be no earlier than the last update before it (2026-12-02 09:20 UTC)",
    ]);
    expect(checkIncidentTimes({ now: at(60), current: resolved, next: { startedAt: at(-30), resolvedAt: at(-40) }, updates: timeline }).resolvedAt).toContain(
      "the incident must be resolved after it started",
    );
  });

  it("gives an open incident no resolution time", () => {
    const open = { startedAt: at(0), resolvedAt: null, resolved: false };
    expect(checkIncidentTimes({ now: at(60), current: open, next: { resolvedAt: at(30) }, updates: timeline.slice(0, 2) })).toHaveProperty("resolvedAt");
  });

  it("finds the last resolution of a reopened incident", () => {
    const reopened: TimelineEntry[] = [...timeline, { id: "u4", status: "investigating", displayAt: at(40) }, { id: "u5", status: "resolved", displayAt: at(50) }];
    expect(resolvingUpdate(reopened)?.id).toBe("u5");
    expect(resolvingUpdate(timeline.slice(0, 2))).toBeNull();
  });
});
