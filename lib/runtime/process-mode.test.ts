import { describe, expect, it } from "vitest";
import { resolveProcessMode, SINGLE_PROCESS_MONITOR_LIMIT } from "./process-mode";

describe("resolveProcessMode", () => {
  it("runs one process on the embedded database up to the limit, two beyond it", () => {
    expect(resolveProcessMode("auto", { externalDatabase: false, enabledMonitors: 0 })).toBe("single");
    expect(resolveProcessMode("auto", { externalDatabase: false, enabledMonitors: SINGLE_PROCESS_MONITOR_LIMIT })).toBe("single");
    expect(resolveProcessMode("auto", { externalDatabase: false, enabledMonitors: SINGLE_PROCESS_MONITOR_LIMIT + 1 })).toBe("split");
  });

  it("splits by default when the operator brings a database", () => {
    expect(resolveProcessMode("auto", { externalDatabase: true, enabledMonitors: 3 })).toBe("split");
  });

  it("does what an explicit setting says", () => {
    expect(resolveProcessMode("single", { externalDatabase: true, enabledMonitors: 50_000 })).toBe("single");
    expect(resolveProcessMode("split", { externalDatabase: false, enabledMonitors: 0 })).toBe("split");
  });
});
