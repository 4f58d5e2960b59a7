import { describe, expect, it } from "vitest";
import { HttpExpectations, MonitorCheck, MonitorExpectations } from "./schemas";

describe("MonitorCheck", () => {
  it("fills defaults for a stored monitor with empty expectations", () => {
    expect(MonitorCheck.parse({ kind: "http", target: "https://example.com/", expectations: {} })).toEqual({
      kind: "http",
      target: "https://example.com/",
      timeoutMs: 10_000,
      expectations: {
        method: "GET",
        expectedStatus: ["200-399"],
        maxRedirects: 5,
        connectTimeoutMs: 5000,
        maxBodyBytes: 1024 * 1024,
        keywordMode: "present",
        warnDays: 30,
        criticalDays: 7,
      },
    });
    expect(MonitorCheck.parse({ kind: "feed", target: "https://example.com/feed.xml" }).expectations).toMatchObject({
      enclosures: 1,
      maxBodyBytes: 8 * 1024 * 1024,
    });
    expect(MonitorCheck.parse({ kind: "dns", target: "example.com" }).expectations).toEqual({ expectedAddresses: [] });
  });

  it.each([
    [{ kind: "http", target: "ftp://example.com/" }, "target"],
    [{ kind: "tcp", target: "example.com" }, "target"],
    [{ kind: "dns", target: "10.0.0.1" }, "target"],
    [{ kind: "tls", target: "http://example.com" }, "target"],
    [{ kind: "smtp", target: "example.com:25" }, "kind"],
    [{ kind: "http", target: "https://x/", timeoutMs: 10 }, "timeoutMs"],
    [{ kind: "http", target: "https://x/", expectations: { criticalDays: 40 } }, "criticalDays"],
    [{ kind: "http", target: "https://x/", expectations: { expectedStatus: ["2xx"] } }, "expectedStatus"],
    [{ kind: "http", target: "https://x/", expectations: { expectedStatus: ["399-200"] } }, "expectedStatus"],
    [{ kind: "http", target: "https://x/", expectations: { method: "HEAD", keyword: "x" } }, "method"],
    [{ kind: "http", target: "https://x/", expectations: { json: { path: "a..b", equals: 1 } } }, "path"],
    [{ kind: "dns", target: "example.com", expectations: { expectedAddresses: ["not-an-ip"] } }, "expectedAddresses"],
  ])("rejects %j (%s)", (monitor, field) => {
    const result = MonitorCheck.safeParse(monitor);
    expect(result.success).toBe(false);
    expect(result.error?.issues.some((issue) => issue.path.includes(field))).toBe(true);
  });

  it("exposes one expectations schema per kind", () => {
    expect(Object.keys(MonitorExpectations)).toEqual(["http", "tls", "feed", "dns", "tcp"]);
    expect(HttpExpectations.parse({ json: { path: "status.indicator", equals: { nested: [1, "two", null] } } }).json?.equals).toEqual({
      nested: [1, "two", null],
    });
  });
});
