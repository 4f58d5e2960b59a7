import { describe, expect, it } from "vitest";
import { MONITOR_OPTION_TEXT, monitorKindOptions } from "./monitor-options";

describe("monitor options per kind", () => {
  it("offers every option of every kind, typed for the form", () => {
    const options = monitorKindOptions();
    expect(Object.keys(options)).toEqual(["http", "tls", "feed", "dns", "tcp"]);
    const http = Object.fromEntries(options.http!.map((o) => [o.name, o]));
    expect(http.method).toMatchObject({ input: "select", choices: ["GET", "HEAD"], placeholder: "GET" });
    expect(http.expectedStatus).toMatchObject({ input: "list", placeholder: "200-399", label: "Accepted status codes" });
    expect(http.keyword).toMatchObject({ input: "text" });
    expect(http.json).toMatchObject({ input: "json" });
    expect(http.warnDays).toMatchObject({ input: "number", placeholder: "30" });
    expect(options.dns!.map((o) => o.name)).toEqual(["expectedAddresses", "maxLatencyMs"]);
    expect(options.tcp!.map((o) => o.name)).toEqual(["maxLatencyMs"]);
  });

  it("gives every option a human label and help, never its raw key", () => {
    const all = Object.values(monitorKindOptions()).flat();
    for (const option of all) {
      expect(option.label, option.name).not.toBe(option.name);
      expect(option.label, option.name).not.toMatch(/[a-z][A-Z]/); // no camelCase key shown
      expect(option.help.length, option.name).toBeGreaterThan(10);
    }
    // Words for an option no kind has any more would be dead text.
    expect(new Set(all.map((o) => o.name))).toEqual(new Set(Object.keys(MONITOR_OPTION_TEXT)));
  });
});
