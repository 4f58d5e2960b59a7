// HTTP checks against the fixture zoo: statuses, latency, timeouts, redirects, body assertions, and
// bodies that must not be read beyond the cap (50 MB, endless, decompression bombs).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BOMB_DECODED_BYTES, HUGE_BODY_BYTES, startFixtureZoo, startStalledListener, type FixtureZoo } from "@/test/fixtures/fixture-servers";
import { firstSettled } from "@/test/first-settled";
import { Deadline } from "./deadline";
import { fetchUrl } from "./fetch-url";
import type { ProbeContext } from "./probe-context";
import { runCheck } from "./run-check";
import { CheckResult } from "./schemas";
import { compilePolicy } from "./ssrf-guard";
import { trustStore } from "./trust-store";

let zoo: FixtureZoo;
beforeAll(async () => {
  zoo = await startFixtureZoo();
});
afterAll(() => zoo.close());

const MIB = 1024 * 1024;
// One read from a socket, or one chunk out of zlib, is at most 64 KiB.
const CHUNK = 64 * 1024;

async function check(path: string, expectations: Record<string, unknown> = {}, timeoutMs = 3000) {
  const result = await runCheck({ kind: "http", target: zoo.httpUrl(path), timeoutMs, expectations }, zoo.probeOptions);
  expect(CheckResult.parse(result)).toEqual(result);
  return result;
}
const codes = (result: CheckResult) => result.reasons.map((reason) => reason.code);

describe("http checks", () => {
  it("is up on a 200, with timings and the final URL", async () => {
    const result = await check("/ok");
    expect(result).toMatchObject({ state: "up", statusCode: 200, certificate: null, finalUrl: zoo.httpUrl("/ok") });
    expect(result.reasons[0]?.message).toMatch(/^HTTP 200 from http:\/\/127\.0\.0\.1:\d+\/ok in \d+ ms$/);
    expect(result.timings).toMatchObject({ dns: null, tls: null });
    expect(result.timings.connect).toBeGreaterThanOrEqual(0);
    expect(result.timings.ttfb).toBeGreaterThanOrEqual(0);
    expect(result.latencyMs).toBe(result.timings.total);
  });

  it.each([500, 503, 404])("is down on a %i", async (status) => {
    const result = await check(`/status/${status}`);
    expect(result).toMatchObject({ state: "down", statusCode: status });
    expect(result.reasons).toEqual([{ code: "http_status", message: `${zoo.httpUrl(`/status/${status}`)} answered HTTP ${status}, expected 200-399` }]);
  });

  it("accepts the statuses a monitor expects", async () => {
    expect((await check("/status/404", { expectedStatus: ["404"] })).state).toBe("up");
  });

  it("is degraded when slower than the latency threshold", async () => {
    const result = await check("/slow/250", { maxLatencyMs: 100 });
    expect(result.state).toBe("degraded");
    expect(codes(result)).toEqual(["latency_high"]);
    expect(result.latencyMs).toBeGreaterThanOrEqual(250);
  });

  it("times out on a server that never answers, at its own timeout", async () => {
    const short = check("/hang", {}, 500);
    const long = check("/hang", {}, 1500);
    expect(await firstSettled({ short, long })).toBe("short");
    const result = await short;
    expect(result.reasons).toEqual([{ code: "timeout", message: `No complete response from ${zoo.httpUrl("")} within the 500 ms timeout` }]);
    expect(result.latencyMs).toBeNull();
    await long;
  });

  it("times out connecting to a host that drops the connection attempt", async () => {
    const stalled = await startStalledListener();
    try {
      // Given up at its 300 ms connect timeout: before a check with no connect timeout and 1.5 s in all.
      const target = `http://127.0.0.1:${stalled.port}/`;
      const connectTimeout = runCheck({ kind: "http", target, timeoutMs: 3000, expectations: { connectTimeoutMs: 300 } }, zoo.probeOptions);
      const wholeTimeout = runCheck({ kind: "http", target, timeoutMs: 1500 }, zoo.probeOptions);
      expect(await firstSettled({ connectTimeout, wholeTimeout })).toBe("connectTimeout");
      expect((await connectTimeout).reasons).toEqual([{ code: "timeout", message: `Connecting to 127.0.0.1:${stalled.port} timed out after 300 ms` }]);
      await wholeTimeout;
    } finally {
      stalled.close();
    }
  });

  it("is refused by a closed port", async () => {
    const result = await runCheck({ kind: "http", target: "http://127.0.0.1:9/", timeoutMs: 2000 }, zoo.probeOptions);
    expect(result.reasons).toEqual([{ code: "connection_refused", message: "Connection to http://127.0.0.1:9 was refused" }]);
  });

  it("cannot resolve a .invalid name", async () => {
    const result = await runCheck({ kind: "http", target: "https://status.example.invalid/", timeoutMs: 2000 }, zoo.probeOptions);
    expect(codes(result)).toEqual(["dns"]);
  });

  describe("redirects", () => {
    it("follows up to the limit", async () => {
      const result = await check("/chain/5");
      expect(result).toMatchObject({ state: "up", statusCode: 200, finalUrl: zoo.httpUrl("/chain/0") });
    });

    it("stops after too many", async () => {
      const result = await check("/chain/6");
      expect(codes(result)).toEqual(["too_many_redirects"]);
      expect(result.finalUrl).toBe(zoo.httpUrl("/chain/1"));
      expect(result.statusCode).toBeNull();
    });

    it("respects the monitor's limit", async () => {
      expect(codes(await check("/chain/2", { maxRedirects: 1 }))).toEqual(["too_many_redirects"]);
    });

    it("does not follow at all with maxRedirects 0: the redirect is the response", async () => {
      const result = await check("/chain/2", { maxRedirects: 0 });
      expect(result).toMatchObject({ state: "up", statusCode: 302, finalUrl: zoo.httpUrl("/chain/2") });
    });

    it("detects a loop", async () => {
      const result = await check("/loop/a");
      expect(result.reasons).toEqual([
        { code: "redirect_loop", message: `Redirect loop: ${zoo.httpUrl("/loop/a")} → ${zoo.httpUrl("/loop/b")} → ${zoo.httpUrl("/loop/a")}` },
      ]);
    });

    it("judges the certificate of an https host it is redirected to", async () => {
      const expired = zoo.httpsUrl("expired");
      const result = await check(`/redirect?to=${encodeURIComponent(expired)}`);
      expect(result).toMatchObject({ state: "down", finalUrl: expired, statusCode: null });
      expect(codes(result)).toEqual(["tls_expired"]);
      expect(result.certificate?.daysLeft).toBe(-3);
    });
  });

  describe("body assertions", () => {
    it("finds a keyword", async () => {
      expect((await check("/ok", { keyword: "operational" })).state).toBe("up");
    });

    it("misses a keyword", async () => {
      expect(codes(await check("/ok", { keyword: "major outage" }))).toEqual(["keyword_missing"]);
    });

    it("finds a forbidden keyword", async () => {
      expect(codes(await check("/ok", { keyword: "operational", keywordMode: "absent" }))).toEqual(["keyword_present"]);
    });

    it("decodes gzip before looking", async () => {
      expect((await check("/gzip", { keyword: "operational" })).state).toBe("up");
    });

    it("checks a JSON field", async () => {
      expect((await check("/json", { json: { path: "status.indicator", equals: "none" } })).state).toBe("up");
      expect((await check("/json", { json: { path: "components.0.status", equals: "operational" } })).state).toBe("up");
      const wrong = await check("/json", { json: { path: "status.indicator", equals: "major" } });
      expect(wrong.reasons).toEqual([{ code: "json_assertion", message: 'JSON field "status.indicator" is "none", expected "major"' }]);
      expect(codes(await check("/not-json", { json: { path: "a", equals: 1 } }))).toEqual(["json_assertion"]);
    });

    it("calls a JSON body over the cap too large to judge", async () => {
      expect(codes(await check("/huge-json", { json: { path: "a", equals: 1 } }))).toEqual(["body_too_large"]);
    });

    it("sends HEAD when asked, and reads no body", async () => {
      expect(await check("/ok", { method: "HEAD" })).toMatchObject({ state: "up", statusCode: 200 });
    });
  });

  describe("bodies are read up to the cap only", () => {
    const context = (): ProbeContext => ({
      policy: compilePolicy(zoo.probeOptions),
      trust: trustStore(zoo.probeOptions.extraCaCerts),
      now: new Date(),
    });
    const fetchOptions = { method: "GET" as const, maxRedirects: 0, maxBodyBytes: MIB, connectTimeoutMs: 1000, thresholds: { warnDays: 30, criticalDays: 7 } };

    it.each([
      ["/huge", HUGE_BODY_BYTES],
      ["/endless", Infinity],
      ["/gzip-bomb", BOMB_DECODED_BYTES],
      ["/brotli-bomb", BOMB_DECODED_BYTES],
    ])("%s (%d bytes) stops at 1 MiB", async (path) => {
      const deadline = new Deadline(5000);
      try {
        const outcome = await fetchUrl(new URL(zoo.httpUrl(path)), fetchOptions, context(), deadline);
        const response = outcome.response!;
        expect(outcome.problems).toEqual([]);
        expect(response.bodyTruncated).toBe(true);
        expect(response.body.length).toBe(MIB);
        expect(response.bodyBytesRead).toBeLessThanOrEqual(MIB + CHUNK);
        // Compressed or not, the socket delivered at most the cap and what was in flight.
        expect(response.socketBytesRead).toBeLessThanOrEqual(MIB + 4 * CHUNK);
        expect(deadline.expired).toBe(false); // stopped at the cap, not by the deadline
      } finally {
        deadline.dispose();
      }
    });

    it("a 50 MB page still answers a keyword near its start", async () => {
      expect((await check("/huge", { keyword: "xxxx" })).state).toBe("up");
    });
  });
});
