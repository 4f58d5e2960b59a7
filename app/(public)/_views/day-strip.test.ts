import { describe, expect, it } from "vitest";
import { translator } from "@/lib/i18n/translator";
import type { SnapshotDay } from "@/lib/public-read/status-snapshot-types";
import { dayRuns, daysSummary } from "./day-strip";

const day = (worstStatus: SnapshotDay["worstStatus"]): SnapshotDay => ({ day: "2026-11-01T00:00:00.000Z", worstStatus, uptime: null, incidents: [] });

describe("day strip", () => {
  const days = [day(null), day(null), day("operational"), day("major_outage"), day("operational"), day("operational")];

  it("draws runs of one status as one subpath each, one path per status", () => {
    expect([...dayRuns(days)]).toEqual([
      ["none", "M0 .5h2"],
      ["operational", "M2 .5h1M4 .5h2"],
      ["major_outage", "M3 .5h1"],
    ]);
    expect([...dayRuns([day("under_maintenance")])]).toEqual([["under_maintenance", "M0 .5h1"]]);
    expect([...dayRuns([])]).toEqual([]);
  });

  it("counts the days by status in words", () => {
    expect(daysSummary(translator("en"), days)).toBe("2 days without data, 3 days operational, 1 day major outage");
  });
});
