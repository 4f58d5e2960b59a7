import { describe, expect, it } from "vitest";
import { monitorKindOptions } from "./monitor-options";

describe("monitor options per kind", () => {
  it("offers every option of every kind, typed for the form", () => {
    const options = monitorKindOptions();
    expect(Object.keys(options)).toEqual(["http", "tls", "feed", "dns", "tcp"]);
    const http = Object.fromEntries(options.http!.map((o) => [o.name, o]));
    expect(http.method).toMatchObject({ input: "select", choices: ["GET", "HEAD"], placeholder: "GET" });
    expect(http.expectedStatus).toMatchObject({ input: "list", placeholder: "200-399", about: "Accepted final status codes." });
    expect(http.keyword).toMatchObject({ input: "text" });
    expect(http.json).toMatchObject({ input: "json" });
    expect(http.warnDays).toMatchObject({ input: "number", placeholder: "30" });
    expect(options.dns!.map((o) => o.name)).toEqual(["expectedAddresses", "maxLatencyMs"]);
    expect(options.tcp!.map((o) => o.name)).toEqual(["maxLatencyMs"]);
  });
});
