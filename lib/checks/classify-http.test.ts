import { describe, expect, it } from "vitest";
import { classifyHttpResponse, jsonValueAt, statusMatches, type HttpAssertions } from "./classify-http";

const defaults: HttpAssertions = { expectedStatus: ["200-399"], keywordMode: "present" };
const response = (statusCode: number, body: string, bodyTruncated = false) => ({
  url: "https://status.example.fm/",
  statusCode,
  body: Buffer.from(body),
  bodyTruncated,
  maxBodyBytes: 1024 * 1024,
});

describe("statusMatches", () => {
  it.each([
    [200, ["200-399"], true],
    [399, ["200-399"], true],
    [404, ["200-399"], false],
    [404, ["200-299", "404"], true],
    [503, ["200"], false],
  ] as const)("%i in %j → %s", (status, patterns, expected) => {
    expect(statusMatches(status, patterns)).toBe(expected);
  });
});

describe("jsonValueAt", () => {
  const document = { status: { indicator: "none" }, components: [{ name: "API", status: "operational" }], zero: 0, nil: null };
  it.each([
    ["status.indicator", { found: true, value: "none" }],
    ["components.0.status", { found: true, value: "operational" }],
    ["components.1.status", { found: false }],
    ["status", { found: true, value: { indicator: "none" } }],
    ["zero", { found: true, value: 0 }],
    ["nil", { found: true, value: null }],
    ["nil.deeper", { found: false }],
    ["status.indicator.length", { found: false }],
    ["__proto__", { found: false }],
  ])("%s", (path, expected) => {
    expect(jsonValueAt(document, path)).toEqual(expected);
  });
});

describe("classifyHttpResponse", () => {
  const json = JSON.stringify({ status: { indicator: "none" }, count: 3 });
  it.each([
    { name: "200 with defaults", response: response(200, "hi"), assertions: defaults, codes: [] },
    { name: "302 is accepted by default", response: response(302, ""), assertions: defaults, codes: [] },
    { name: "500", response: response(500, "oops"), assertions: defaults, codes: ["http_status"] },
    { name: "404 expected", response: response(404, ""), assertions: { ...defaults, expectedStatus: ["404"] }, codes: [] },
    { name: "keyword present", response: response(200, "All systems operational"), assertions: { ...defaults, keyword: "operational" }, codes: [] },
    { name: "keyword missing", response: response(200, "Major outage"), assertions: { ...defaults, keyword: "operational" }, codes: ["keyword_missing"] },
    { name: "keyword is case-sensitive", response: response(200, "OPERATIONAL"), assertions: { ...defaults, keyword: "operational" }, codes: ["keyword_missing"] },
    {
      name: "forbidden keyword present",
      response: response(200, "Major outage"),
      assertions: { ...defaults, keyword: "outage", keywordMode: "absent" as const },
      codes: ["keyword_present"],
    },
    {
      name: "forbidden keyword absent",
      response: response(200, "All good"),
      assertions: { ...defaults, keyword: "outage", keywordMode: "absent" as const },
      codes: [],
    },
    {
      name: "a non-ASCII keyword",
      response: response(200, "Störung behoben"),
      assertions: { ...defaults, keyword: "Störung" },
      codes: [],
    },
    {
      name: "keyword checks are skipped on a bad status",
      response: response(503, "x"),
      assertions: { ...defaults, keyword: "operational" },
      codes: ["http_status"],
    },
    { name: "JSON equal", response: response(200, json), assertions: { ...defaults, json: { path: "status.indicator", equals: "none" } }, codes: [] },
    { name: "JSON number", response: response(200, json), assertions: { ...defaults, json: { path: "count", equals: 3 } }, codes: [] },
    {
      name: "JSON different",
      response: response(200, json),
      assertions: { ...defaults, json: { path: "status.indicator", equals: "major" } },
      codes: ["json_assertion"],
    },
    {
      name: "JSON type differs",
      response: response(200, json),
      assertions: { ...defaults, json: { path: "count", equals: "3" } },
      codes: ["json_assertion"],
    },
    { name: "JSON missing field", response: response(200, json), assertions: { ...defaults, json: { path: "status.x", equals: 1 } }, codes: ["json_assertion"] },
    { name: "not JSON", response: response(200, "<html>"), assertions: { ...defaults, json: { path: "a", equals: 1 } }, codes: ["json_assertion"] },
    {
      name: "JSON cut at the cap",
      response: response(200, json.slice(0, 10), true),
      assertions: { ...defaults, json: { path: "count", equals: 3 } },
      codes: ["body_too_large"],
    },
    {
      name: "keyword within a truncated body still counts",
      response: response(200, "operational...", true),
      assertions: { ...defaults, keyword: "operational" },
      codes: [],
    },
  ])("$name", ({ response: facts, assertions, codes }) => {
    expect(classifyHttpResponse(facts, assertions).map((reason) => reason.code)).toEqual(codes);
  });

  it("says where a keyword was searched when the body was cut", () => {
    const [reason] = classifyHttpResponse(response(200, "x", true), { ...defaults, keyword: "operational" });
    expect(reason?.message).toBe('"operational" was not found in the response from https://status.example.fm/ (searched its first 1 MiB)');
  });
});
