import { describe, expect, it } from "vitest";
import { isRestartCountsRequest, parsePreparedMessage, parseStartStepReply } from "./launcher-messages";

describe("messages to the launcher", () => {
  it("takes a start step's answer only when well-formed", () => {
    const config = { dataDir: "/srv/vigil/.data", embeddedPort: 5433, processMode: "auto", publicUrl: "http://127.0.0.1:3000" };
    expect(parseStartStepReply({ type: "vigil:start-step", ok: true })).toEqual({ type: "vigil:start-step", ok: true });
    expect(parseStartStepReply({ type: "vigil:start-step", ok: true, config })).toEqual({ type: "vigil:start-step", ok: true, config });
    const external = { ...config, databaseUrl: "postgres://db/vigil" };
    expect(parseStartStepReply({ type: "vigil:start-step", ok: true, config: external })?.ok).toBe(true);
    expect(parseStartStepReply({ type: "vigil:start-step", ok: false, message: "port in use" })).toEqual({ type: "vigil:start-step", ok: false, message: "port in use" });
    for (const bad of [
      { type: "vigil:start-step", ok: false },
      { type: "vigil:start-step", ok: "yes" },
      { type: "vigil:start-step", ok: true, config: { ...config, embeddedPort: 0 } },
      { type: "vigil:start-step", ok: true, config: { ...config, processMode: "triple" } },
      { type: "vigil:start-step", ok: true, config: { ...config, databaseUrl: 5 } },
      { type: "vigil:start-step", ok: true, config: { ...config, extra: 1 } },
      { type: "vigil:start-step", ok: true, config: { dataDir: "/x" } },
      { type: "vigil:prepared", ok: true },
      null,
    ]) {
      expect(parseStartStepReply(bad)).toBeNull();
    }
  });

  it("takes a restart counts request and nothing else", () => {
    expect(isRestartCountsRequest({ type: "vigil:restart-counts?" })).toBe(true);
    for (const other of [{ type: "vigil:restart-counts" }, { type: "vigil:restart-counts?", extra: 1 }, "vigil:restart-counts?", null, [], undefined]) {
      expect(isRestartCountsRequest(other)).toBe(false);
    }
  });

  it("takes the set-up step's report only when every field is well-formed", () => {
    const report = { type: "vigil:prepared", setupToken: "abc", enabledMonitors: 3 };
    expect(parsePreparedMessage(report)).toEqual(report);
    expect(parsePreparedMessage({ ...report, setupToken: null })).toEqual({ ...report, setupToken: null });
    for (const bad of [
      { ...report, type: "vigil:ready" },
      { ...report, setupToken: 7 },
      { ...report, enabledMonitors: -1 },
      { ...report, enabledMonitors: 1.5 },
      { ...report, enabledMonitors: "3" },
      { ...report, extra: true },
      { type: "vigil:prepared", setupToken: null },
      null,
      "vigil:prepared",
    ]) {
      expect(parsePreparedMessage(bad)).toBeNull();
    }
  });
});
