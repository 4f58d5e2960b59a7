// runCheck end to end, above all the SSRF guard: blocked targets are refused before any
// connection is made, which counting servers listening on the blocked addresses prove. (Only
// loopback addresses are ever connected to; 10.x and 169.254.x are refused before a packet leaves.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startConnectionCounter, startFixtureZoo, type ConnectionCounter, type FixtureZoo } from "@/test/fixtures/fixture-servers";
import { runCheck } from "./run-check";
import { NOTHING_OWN } from "@/test/fixtures/probe-policy";

let zoo: FixtureZoo;
let otherLoopback: ConnectionCounter;
let ipv6Loopback: ConnectionCounter;
beforeAll(async () => {
  zoo = await startFixtureZoo();
  otherLoopback = await startConnectionCounter("127.0.0.2");
  ipv6Loopback = await startConnectionCounter("::1");
});
afterAll(async () => {
  await Promise.all([zoo.close(), otherLoopback.close(), ipv6Loopback.close()]);
});

const strict = { ...NOTHING_OWN, allowPrivateNetworks: false, allowlist: [], now: new Date() };
/** Only the zoo's own address is allowed: whatever it redirects to must pass the guard again. */
const zooOnly = { ...NOTHING_OWN, allowPrivateNetworks: false, allowlist: ["127.0.0.1"], now: new Date() };
const codes = (result: { reasons: { code: string }[] }) => result.reasons.map((reason) => reason.code);
const connectionsSoFar = () => zoo.connections.http + zoo.connections.https + otherLoopback.count + ipv6Loopback.count;

describe("the SSRF guard", () => {
  it.each([
    ["loopback", () => zoo.httpUrl("/ok")],
    ["localhost", () => `http://localhost:${zoo.httpPort}/ok`],
    ["a name under .localhost", () => zoo.httpsUrl("valid")],
    ["decimal IPv4", () => `http://2130706433:${zoo.httpPort}/ok`],
    ["hex IPv4", () => `http://0x7f.1:${zoo.httpPort}/ok`],
    ["IPv4-mapped IPv6", () => `http://[::ffff:127.0.0.1]:${zoo.httpPort}/ok`],
    ["IPv6 loopback", () => `http://[::1]:${ipv6Loopback.port}/`],
    ["another loopback address", () => `http://127.0.0.2:${otherLoopback.port}/`],
    ["a private address", () => "http://10.0.0.1/"],
    ["cloud metadata", () => "http://169.254.169.254/latest/meta-data/"],
    ["the unspecified address", () => `http://0.0.0.0:${zoo.httpPort}/`],
  ])("refuses %s without connecting", async (_name, target) => {
    const before = connectionsSoFar();
    const result = await runCheck({ kind: "http", target: target(), timeoutMs: 2000 }, strict);
    expect(result.state).toBe("down");
    expect(codes(result)).toEqual(["blocked_address"]);
    expect(result.reasons[0]?.message).toMatch(/is blocked|blocked addresses/);
    expect(result.timings.connect).toBeNull();
    expect(connectionsSoFar()).toBe(before);
  });

  it("names the address and how to allow it", async () => {
    const result = await runCheck({ kind: "http", target: "http://169.254.169.254/", timeoutMs: 2000 }, strict);
    expect(result.reasons[0]?.message).toBe(
      "Refusing to connect to 169.254.169.254:80: 169.254.169.254 (link-local, where cloud metadata services live) is blocked; " +
        "to probe it, add it to PROBE_ALLOWLIST (or, for private networks other than Vigil's own ports, set PROBE_ALLOW_PRIVATE_NETWORKS=true)",
    );
  });

  it("refuses URLs with credentials", async () => {
    const result = await runCheck({ kind: "http", target: `http://admin:secret@127.0.0.1:${zoo.httpPort}/ok`, timeoutMs: 2000 }, zooOnly);
    expect(codes(result)).toEqual(["blocked_address"]);
    expect(result.reasons[0]?.message).toContain("credentials");
  });

  it("lets an allowlisted address through", async () => {
    expect((await runCheck({ kind: "http", target: zoo.httpUrl("/ok"), timeoutMs: 2000 }, zooOnly)).state).toBe("up");
  });

  it("lets an allowlisted host name through, and only that name", async () => {
    const options = { ...zoo.probeOptions, allowPrivateNetworks: false, allowlist: ["valid.localhost"] };
    expect((await runCheck({ kind: "http", target: zoo.httpsUrl("valid"), timeoutMs: 2000 }, options)).state).toBe("up");
    const other = await runCheck({ kind: "http", target: zoo.httpsUrl("critical"), timeoutMs: 2000 }, options);
    expect(codes(other)).toEqual(["blocked_address"]);
  });

  it.each([
    ["another loopback address", () => `http://127.0.0.2:${otherLoopback.port}/`],
    ["IPv6 loopback", () => `http://[::1]:${ipv6Loopback.port}/`],
    ["cloud metadata", () => "http://169.254.169.254/latest/meta-data/"],
    ["a private address", () => "http://10.0.0.1:8080/"],
  ])("re-checks a redirect from an allowed host to %s, without connecting there", async (_name, target) => {
    const redirect = zoo.httpUrl(`/redirect?to=${encodeURIComponent(target())}`);
    const httpBefore = zoo.connections.http;
    const trapsBefore = otherLoopback.count + ipv6Loopback.count;
    const result = await runCheck({ kind: "http", target: redirect, timeoutMs: 2000 }, zooOnly);
    expect(codes(result)).toEqual(["blocked_address"]);
    expect(result.finalUrl).toBe(new URL(target()).href);
    expect(zoo.connections.http).toBe(httpBefore + 1); // the allowed first hop only
    expect(otherLoopback.count + ipv6Loopback.count).toBe(trapsBefore);
  });

  it("refuses a redirect to another scheme", async () => {
    const result = await runCheck({ kind: "http", target: zoo.httpUrl("/redirect?to=file:///etc/passwd"), timeoutMs: 2000 }, zooOnly);
    expect(codes(result)).toEqual(["blocked_address"]);
    expect(result.reasons[0]?.message).toContain("only http and https URLs are probed, not file:");
  });

  it("guards tcp, tls and dns checks too", async () => {
    const before = connectionsSoFar();
    const tcp = await runCheck({ kind: "tcp", target: `127.0.0.2:${otherLoopback.port}`, timeoutMs: 2000 }, strict);
    const tcpByName = await runCheck({ kind: "tcp", target: `localhost:${otherLoopback.port}`, timeoutMs: 2000 }, strict);
    const tls = await runCheck({ kind: "tls", target: `valid.localhost:${zoo.httpsPort}`, timeoutMs: 2000 }, strict);
    const dns = await runCheck({ kind: "dns", target: "localhost", timeoutMs: 2000 }, strict);
    expect([tcp, tcpByName, tls, dns].map(codes)).toEqual([["blocked_address"], ["blocked_address"], ["blocked_address"], ["blocked_address"]]);
    expect(connectionsSoFar()).toBe(before);
  });
});

describe("runCheck", () => {
  it("throws for a monitor that does not parse (a programming error), never for a target failure", async () => {
    await expect(runCheck({ kind: "http", target: "not a url" }, strict)).rejects.toThrow(/http:\/\/ or https:\/\//);
    await expect(runCheck({ kind: "http", target: "https://x/", expectations: { maxRedirects: -1 } }, strict)).rejects.toThrow();
    await expect(runCheck({ kind: "http", target: "https://x/" }, { ...NOTHING_OWN, allowPrivateNetworks: false, allowlist: ["bad entry!"], now: new Date() })).rejects.toThrow(
      /allowlist entry/,
    );
    const failed = await runCheck({ kind: "http", target: "https://unreachable.invalid/" }, strict);
    expect(failed.state).toBe("down");
  });

  it("parses stored expectations with defaults", async () => {
    const result = await runCheck({ kind: "http", target: zoo.httpUrl("/chain/5"), timeoutMs: 2000, expectations: {} }, zoo.probeOptions);
    expect(result.state).toBe("up"); // default maxRedirects: 5
  });
});
