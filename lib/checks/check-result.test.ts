import { describe, expect, it } from "vitest";
import { addPhases, buildResult, latencyProblem, stateForReasons } from "./check-result";
import { REASON_CODES, ReasonCode } from "./reason-codes";
import { CheckResult } from "./schemas";

const timings = { dns: null, connect: 1, tls: null, ttfb: 2, total: 3 };

describe("stateForReasons", () => {
  it.each([
    { codes: ["ok"], state: "up" },
    { codes: [], state: "up" },
    { codes: ["latency_high"], state: "degraded" },
    { codes: ["http_status"], state: "down" },
    { codes: ["latency_high", "keyword_missing"], state: "down" },
    { codes: ["tls_expired", "tls_hostname_mismatch"], state: "down" },
  ] as const)("$codes → $state", ({ codes, state }) => {
    expect(stateForReasons(codes.map((code) => ({ code, message: code })))).toBe(state);
  });
});

describe("buildResult", () => {
  it("says ok with the observation when there are no problems, and matches the schema", () => {
    const result = buildResult({ problems: [], okMessage: "HTTP 200 in 3 ms", statusCode: 200, latencyMs: 3, timings });
    expect(result).toEqual({
      state: "up",
      reasons: [{ code: "ok", message: "HTTP 200 in 3 ms" }],
      warnings: [],
      statusCode: 200,
      latencyMs: 3,
      timings,
      certificate: null,
    });
    expect(CheckResult.parse(result)).toEqual(result);
  });

  it("keeps the problems as reasons", () => {
    const result = buildResult({ problems: [{ code: "timeout", message: "slow" }], okMessage: "", timings, finalUrl: "http://x/" });
    expect(result.state).toBe("down");
    expect(result.reasons).toEqual([{ code: "timeout", message: "slow" }]);
    expect(result.finalUrl).toBe("http://x/");
  });
});

describe("latencyProblem", () => {
  it.each([
    { latency: 100, max: undefined, codes: [] },
    { latency: 100, max: 100, codes: [] },
    { latency: 101, max: 100, codes: ["latency_high"] },
    { latency: null, max: 100, codes: [] },
  ])("$latency ms against $max", ({ latency, max, codes }) => {
    expect(latencyProblem(latency, max, "It").map((reason) => reason.code)).toEqual(codes);
  });
});

describe("addPhases", () => {
  it("sums hops and keeps phases that never happened null", () => {
    expect(addPhases({ dns: 1, connect: 2, tls: null, ttfb: 3 }, { dns: null, connect: 4, tls: null, ttfb: 5 })).toEqual({
      dns: 1,
      connect: 6,
      tls: null,
      ttfb: 8,
    });
  });
});

describe("reason codes", () => {
  it("are one vocabulary with a zod enum", () => {
    expect(REASON_CODES).toHaveLength(24);
    expect(new Set(REASON_CODES).size).toBe(REASON_CODES.length);
    expect(ReasonCode.options).toEqual([...REASON_CODES]);
    expect(ReasonCode.safeParse("tls_expired").success).toBe(true);
    expect(ReasonCode.safeParse("nope").success).toBe(false);
  });
});
