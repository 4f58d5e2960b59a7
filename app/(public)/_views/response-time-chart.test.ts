import { describe, expect, it } from "vitest";
import type { LatencyPoint } from "@/lib/public-read/status-snapshot-types";
import { axisTop, latencyFigures, latencyPath } from "./response-time-chart";

const HOUR = 3_600_000;
const START = Date.parse("2026-11-28T12:00:00.000Z");
const at = (hours: number, avgMs: number, maxMs: number | null = null): LatencyPoint => ({ at: new Date(START + hours * HOUR).toISOString(), avgMs, maxMs });

describe("response-time chart", () => {
  it("tops the millisecond axis at the next 1, 2 or 5 × 10ⁿ", () => {
    expect([0, 1, 7, 10, 11, 180, 201, 999, 4_100].map(axisTop)).toEqual([1, 1, 10, 10, 20, 200, 500, 1_000, 5_000]);
  });

  it("sums a window up: mean of the averages, highest single response (the average when no max is known), latest", () => {
    expect(latencyFigures([at(0, 100, 300), at(1, 201, null), at(2, 150, 250)])).toEqual({ average: 150, highest: 300, latest: 150 });
    expect(latencyFigures([at(0, 100, null), at(1, 400, null)])).toEqual({ average: 250, highest: 400, latest: 400 });
  });

  it("draws relative steps in whole units from the window's start, 0 ms at the bottom", () => {
    // Height 40: y = 39 - round(avg / top × 38).
    expect(latencyPath([at(0, 0), at(1, 100), at(3, 50)], START, HOUR, 100)).toBe("M0 39l1-38 2 19");
  });

  it("merges the points that fall in one step (the week is drawn in 3-hour steps)", () => {
    expect(latencyPath([at(0, 40), at(1, 60), at(3, 100)], START, 3 * HOUR, 100)).toBe("M0 20l1-19");
  });
});
