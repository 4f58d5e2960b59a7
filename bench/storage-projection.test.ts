import { describe, expect, it } from "vitest";
import { parseEnv } from "../lib/env";
import { projectSteadyState } from "./storage-projection";

const GB = 1024 ** 3;

describe("projectSteadyState", () => {
  it("keeps 20,000 monitors at 60 s under 20 GB with the default retention, at the measured row sizes", () => {
    const projection = projectSteadyState({
      monitors: 20_000,
      intervalSeconds: 60,
      components: 40,
      bytesPerResult: 294,
      bytesPerMonitorRollup: 212,
      bytesPerComponentRollup: 200,
      otherBytes: 0.2 * GB,
      config: parseEnv({}),
    });
    expect(projection.resultHours).toBeGreaterThanOrEqual(24);
    expect(projection.resultHours).toBeLessThan(14 * 24); // the storage limit binds, not the 14 days
    expect(projection.total).toBeLessThan(20 * GB);
  });

  it("keeps the configured 14 days for a small install", () => {
    const projection = projectSteadyState({
      monitors: 100,
      intervalSeconds: 60,
      components: 10,
      bytesPerResult: 294,
      bytesPerMonitorRollup: 212,
      bytesPerComponentRollup: 200,
      otherBytes: 0,
      config: parseEnv({}),
    });
    expect(projection.resultHours).toBe(14 * 24);
    expect(projection.results).toBeCloseTo(14 * 24 * 6000 * 294);
  });
});
