// DNS checks: RFC 6761 names answered locally, everything else from a fixture DNS server on
// 127.0.0.1 (so no query leaves the machine).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDnsServer, type DnsFixture } from "@/test/fixtures/fixture-servers";
import { firstSettled } from "@/test/first-settled";
import { runCheck } from "./run-check";
import { CheckResult } from "./schemas";
import { NOTHING_OWN } from "@/test/fixtures/probe-policy";

let dns: DnsFixture;
beforeAll(async () => {
  dns = await startDnsServer(
    {
      "status.example.test": { A: ["203.0.113.10", "203.0.113.11"], AAAA: ["2001:db8::10"] },
      "v6only.example.test": { AAAA: ["2001:db8::20"] },
      "norecords.example.test": {},
      "internal.example.test": { A: ["10.1.2.3"] },
      "public.example.test": { A: ["93.184.215.14"] }, // only resolved, never connected to
    },
    ["silent.example.test"],
  );
});
afterAll(() => dns.close());

const open = { ...NOTHING_OWN, allowPrivateNetworks: true, allowlist: [], now: new Date() };
async function resolve(target: string, expectations: Record<string, unknown> = {}, options: Record<string, unknown> = open, timeoutMs = 2000) {
  const result = await runCheck({ kind: "dns", target, timeoutMs, expectations }, { ...open, dnsServers: [dns.server], ...options });
  expect(CheckResult.parse(result)).toEqual(result);
  return result;
}

describe("dns checks", () => {
  it("resolves localhost locally (RFC 6761), without a query", async () => {
    const before = dns.queries;
    const result = await resolve("localhost", { expectedAddresses: ["127.0.0.1"] });
    expect(result.reasons).toEqual([{ code: "ok", message: "localhost resolves to 127.0.0.1, ::1" }]);
    expect(result.timings).toMatchObject({ connect: null, tls: null, ttfb: null });
    expect(dns.queries).toBe(before);
  });

  it("reports an expected-address mismatch", async () => {
    const result = await resolve("localhost", { expectedAddresses: ["127.0.0.2"] });
    expect(result.reasons).toEqual([{ code: "dns", message: "localhost resolves to 127.0.0.1, ::1, which does not include 127.0.0.2" }]);
  });

  it("resolves A and AAAA from a DNS server", async () => {
    const result = await resolve("status.example.test", { expectedAddresses: ["203.0.113.11", "2001:db8:0:0::10"] });
    expect(result.state).toBe("up");
    expect(result.reasons[0]?.message).toBe("status.example.test resolves to 203.0.113.10, 203.0.113.11, 2001:db8::10");
    expect(result.latencyMs).toBe(result.timings.dns);
  });

  it("is fine with only AAAA records", async () => {
    expect((await resolve("v6only.example.test")).reasons[0]?.message).toBe("v6only.example.test resolves to 2001:db8::20");
  });

  it.each([
    ["nxdomain.example.test", "nxdomain.example.test does not exist (NXDOMAIN)"],
    ["norecords.example.test", "norecords.example.test has no A or AAAA records"],
    ["status.example.invalid", "status.example.invalid does not exist (a reserved .invalid name)"],
  ])("is down for %s", async (name, message) => {
    expect((await resolve(name)).reasons).toEqual([{ code: "dns", message }]);
  });

  it("times out on a server that does not answer, at its own timeout", async () => {
    const short = resolve("silent.example.test", {}, open, 300);
    const long = resolve("silent.example.test", {}, open, 1200);
    expect(await firstSettled({ short, long })).toBe("short");
    expect((await short).reasons).toEqual([{ code: "dns", message: "No DNS answer for silent.example.test within the 300 ms timeout" }]);
    await long;
  });

  it("does not reveal private answers unless allowed", async () => {
    const strict = { ...NOTHING_OWN, allowPrivateNetworks: false, allowlist: [], now: new Date() };
    expect((await resolve("internal.example.test", {}, strict)).reasons.map((r) => r.code)).toEqual(["blocked_address"]);
    expect((await resolve("internal.example.test", {}, { ...strict, allowlist: ["10.0.0.0/8"] })).state).toBe("up");
    expect((await resolve("public.example.test", {}, strict)).state).toBe("up");
    // Documentation ranges are reserved, hence blocked too.
    expect((await resolve("status.example.test", {}, strict)).reasons.map((r) => r.code)).toEqual(["blocked_address"]);
  });
});
