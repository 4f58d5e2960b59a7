import { describe, expect, it } from "vitest";
import { nextMoment, type PlannedWindow } from "./next-maintenance-moment";

const T0 = new Date("2026-12-04T02:00:00.000Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const window = (fields: Partial<PlannedWindow>): PlannedWindow => ({
  status: "scheduled",
  scheduledFor: at(120),
  scheduledUntil: at(180),
  autoStart: true,
  autoComplete: true,
  ...fields,
});

describe("the next maintenance moment", () => {
  it("is the nearest reminder, start or end still ahead", () => {
    expect(nextMoment([window({})], at(0), [60])).toEqual(at(60));
    expect(nextMoment([window({})], at(60), [60])).toEqual(at(120)); // the reminder's moment has come: the start is next
    expect(nextMoment([window({})], at(0), [1440, 90])).toEqual(at(30));
    expect(nextMoment([window({}), window({ scheduledFor: at(50), scheduledUntil: at(55) })], at(0), [])).toEqual(at(50));
    expect(nextMoment([window({ status: "in_progress" }), window({ status: "verifying", scheduledUntil: at(170) })], at(130), [60])).toEqual(at(170));
  });

  it("skips what the clock will not do by itself", () => {
    expect(nextMoment([window({ autoStart: false })], at(61), [60])).toBeNull();
    expect(nextMoment([window({ status: "in_progress", autoComplete: false })], at(130), [60])).toBeNull();
    expect(nextMoment([window({ status: "completed" }), window({ status: "cancelled" })], at(0), [60])).toBeNull();
    expect(nextMoment([], at(0), [60])).toBeNull();
  });
});
