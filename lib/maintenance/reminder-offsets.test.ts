import { describe, expect, it } from "vitest";
import { translator } from "../i18n/translator";
import { leadTimeText, ReminderOffsets } from "./reminder-offsets";

describe("maintenance reminder offsets", () => {
  it("reads durations, largest first, each once", () => {
    expect(ReminderOffsets.parse("1h, 24h,1h 30m")).toEqual([1440, 60, 30]);
    expect(ReminderOffsets.parse("2d")).toEqual([2880]);
    expect(ReminderOffsets.parse("off")).toEqual([]);
    expect(ReminderOffsets.parse("")).toEqual([]);
  });

  it("names a bad entry", () => {
    expect(ReminderOffsets.safeParse("1h,soon").error?.issues[0]?.message).toMatch(/"soon" is not a duration/);
    expect(ReminderOffsets.safeParse("8d").success).toBe(false);
    expect(ReminderOffsets.safeParse("0m").success).toBe(false);
  });

  it("words the lead time", () => {
    expect([60, 1440, 30, 120, 90].map((minutes) => leadTimeText(translator("en"), minutes))).toEqual(["1 hour", "1 day", "30 minutes", "2 hours", "90 minutes"]);
    expect([60, 1440, 30].map((minutes) => leadTimeText(translator("de"), minutes))).toEqual(["1 Stunde", "1 Tag", "30 Minuten"]);
  });
});
