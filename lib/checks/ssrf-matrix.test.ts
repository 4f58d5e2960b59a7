// The SSRF matrix: every way of writing "this machine" that a monitor, a redirect or a certificate's
// AIA URL could use, run through runCheck with the policy Vigil builds from its environment
// (probePolicy), against one dual-stack listener that counts connections. It must see none, in the
// default configuration, with an https PUBLIC_URL, and with private networks allowed while the
// listener is Vigil's own PostgreSQL port. Every probe result is blocked_address; an AIA refusal
// leaves the chain incomplete (tls_untrusted) and a refused enclosure is unreachable, both without
// a request.
import http from "node:http";
import net from "node:net";
import os from "node:os";
import tls from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { generateCertificateZoo, tlsCaseHost } from "@/test/fixtures/certificates";
import { startConnectionCounter, startDnsServer, startFixtureZoo, type ConnectionCounter, type DnsFixture, type FixtureZoo } from "@/test/fixtures/fixture-servers";
import { probePolicy } from "./probe-policy";
import { runCheck, type RunCheckOptions } from "./run-check";
import type { MonitorKind } from "./schemas";

/** First hops that PROBE_ALLOWLIST lets through by name; where they redirect to is judged again. */
const FIRST_HOPS = ["redirector.localhost", tlsCaseHost("valid"), "aia.localhost", "feed.localhost"];
const AIA_FORMS = ["http://127.0.0.1:{P}/issuer.cer", "http://2130706433:{P}/issuer.cer", "http://localhost:{P}/issuer.cer"];

let listener: ConnectionCounter;
let zoo: FixtureZoo;
let dnsServer: DnsFixture;
const aiaServers: { url: string; port: number; server: tls.Server }[] = [];
/** A podcast feed whose episodes' enclosures point at the listener. */
let feedServer: http.Server;
let feedPort: number;

beforeAll(async () => {
  listener = await startConnectionCounter("::"); // dual stack: 127.x, ::1, 0.0.0.0, and every interface address
  zoo = await startFixtureZoo();
  feedServer = http.createServer((_request, response) => {
    const items = ["http://127.0.0.1:{P}/1.mp3", "http://2130706433:{P}/2.mp3", "http://localhost:{P}/3.mp3"].map(
      (url, index) => `<item><title>Episode ${index}</title><pubDate>Fri, 20 Nov 2026 10:00:00 GMT</pubDate><enclosure url="${url.replace("{P}", String(listener.port))}" length="1" type="audio/mpeg"/></item>`,
    );
    response.writeHead(200, { "content-type": "application/rss+xml" }).end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Feed</title>${items.join("")}</channel></rss>`);
  });
  feedPort = await new Promise<number>((resolve) => feedServer.listen(0, "127.0.0.1", () => resolve((feedServer.address() as net.AddressInfo).port)));
  dnsServer = await startDnsServer({ "rebind.example.test": { A: ["127.0.0.1"], AAAA: ["::1"] } });
  for (const form of AIA_FORMS) {
    // A leaf without its intermediate, whose AIA "CA Issuers" URL points at the listener.
    const url = form.replace("{P}", String(listener.port));
    const { certChainPem, keyPem } = generateCertificateZoo({ caIssuersUrl: url }).servers["missing-intermediate"];
    const server = tls.createServer({ cert: certChainPem, key: keyPem }, (socket) => socket.end());
    const port = await new Promise<number>((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as net.AddressInfo).port)));
    aiaServers.push({ url, port, server });
  }
});
afterAll(async () => {
  await Promise.all([listener.close(), zoo.close(), dnsServer.close(), new Promise((resolve) => feedServer.close(resolve)), ...aiaServers.map(({ server }) => new Promise((resolve) => server.close(resolve)))]);
});

type Case = { kind: MonitorKind; target: string; dnsServers?: string[] };

/** This machine's addresses other than loopback, as a probe would write them in a URL. */
function interfaceHosts(): string[] {
  return Object.values(os.networkInterfaces())
    .flatMap((entries) => entries ?? [])
    .filter((entry) => !entry.internal && !entry.address.includes("%") && !entry.address.startsWith("fe80:"))
    .map((entry) => (entry.family === "IPv6" ? `[${entry.address}]` : entry.address));
}

/** Every form of the listener's address, in every kind that opens a connection. */
function connectingCases(port: number): Case[] {
  const hosts = [
    "127.0.0.1",
    "2130706433", // decimal
    "0177.0.0.1", // octal
    "017700000001",
    "0x7f.1", // hex, short
    "0x7F000001",
    "127.1", // short
    "127.0.0.2", // the rest of 127/8
    "127.0.0.1.", // trailing dot
    "%31%32%37.0.0.1", // percent-encoded
    "[::ffff:127.0.0.1]", // IPv4-mapped
    "[::ffff:7f00:1]",
    "[::127.0.0.1]", // IPv4-compatible
    "[::1]",
    "[0:0:0:0:0:0:0:1]",
    "0.0.0.0", // unspecified: reaches this machine
    "0",
    "[::]",
    "[64:ff9b::7f00:1]", // NAT64
    "[2002:7f00:1::]", // 6to4
    "LOCALHOST",
    "localhost.",
    "app.localhost",
    "status.localhost", // PUBLIC_URL's host in the https configuration
    os.hostname(), // resolved through /etc/hosts
    ...interfaceHosts(),
  ];
  const tcpHosts = ["127.0.0.1", "2130706433", "0x7f.1", "[::ffff:127.0.0.1]", "[::1]", "0.0.0.0", "localhost", "status.localhost", os.hostname(), ...interfaceHosts()];
  return [
    ...hosts.map((host) => ({ kind: "http" as const, target: `http://${host}:${port}/` })),
    ...["127.0.0.1", "localhost", "2130706433", "[::ffff:7f00:1]", "status.localhost"].map((host) => ({ kind: "http" as const, target: `https://${host}:${port}/` })),
    { kind: "feed", target: `http://127.0.0.1:${port}/feed.xml` },
    { kind: "feed", target: `http://0x7f.1:${port}/feed.xml` },
    ...tcpHosts.map((host) => ({ kind: "tcp" as const, target: `${host}:${port}` })),
    ...["127.0.0.1", "localhost", "status.localhost"].map((host) => ({ kind: "tls" as const, target: `${host}:${port}` })),
    { kind: "tls", target: `https://0177.0.0.1:${port}/` },
  ];
}

/** Where the allowed first hops redirect to. */
function redirectTargets(port: number): string[] {
  return [`http://127.0.0.1:${port}/`, `http://2130706433:${port}/`, `http://localhost:${port}/`, `http://[::ffff:127.0.0.1]:${port}/`, `http://${os.hostname()}:${port}/`, `https://127.0.0.1:${port}/`];
}

const CONFIGURATIONS: { name: string; env: (port: number) => Record<string, string>; resolvesNames: boolean }[] = [
  { name: "the default configuration", env: () => ({ PROBE_ALLOWLIST: FIRST_HOPS.join(",") }), resolvesNames: true },
  {
    name: "an https PUBLIC_URL",
    env: () => ({ PUBLIC_URL: "https://status.localhost", PROBE_ALLOWLIST: FIRST_HOPS.join(",") }),
    resolvesNames: true,
  },
  {
    // A dns check opens no connection, and private networks are allowed here: names may be told.
    name: "private networks allowed, the listener being Vigil's embedded PostgreSQL",
    env: (port) => ({ PROBE_ALLOW_PRIVATE_NETWORKS: "true", EMBEDDED_POSTGRES_PORT: String(port), PROBE_ALLOWLIST: FIRST_HOPS.join(",") }),
    resolvesNames: false,
  },
];

const codes = (result: { reasons: { code: string }[] }) => result.reasons.map((reason) => reason.code);

describe.each(CONFIGURATIONS)("with $name", ({ env, resolvesNames }) => {
  let options: RunCheckOptions;
  beforeAll(async () => {
    options = { ...(await probePolicy(parseEnv(env(listener.port)))), now: new Date(), extraCaCerts: [zoo.certificates.rootCaPem] };
  });

  it("refuses every form of this machine's address, without connecting", async () => {
    const cases = connectingCases(listener.port);
    const results = [];
    for (const check of cases) results.push([check.kind, check.target, codes(await runCheck({ ...check, timeoutMs: 2000 }, options))]);
    expect(results).toEqual(cases.map((check) => [check.kind, check.target, ["blocked_address"]]));
    expect(listener.count).toBe(0);
  });

  it("re-judges redirects from an allowed first hop (http and https), connecting only to the first hop", async () => {
    const firstHops = (target: string) => [
      `http://redirector.localhost:${zoo.httpPort}/redirect?to=${encodeURIComponent(target)}`,
      zoo.httpsUrl("valid", `/redirect?to=${encodeURIComponent(target)}`),
    ];
    for (const target of redirectTargets(listener.port)) {
      for (const first of firstHops(target)) {
        const before = zoo.connections.http + zoo.connections.https;
        const result = await runCheck({ kind: "http", target: first, timeoutMs: 2000 }, options);
        expect([first, codes(result), result.finalUrl]).toEqual([first, ["blocked_address"], new URL(target).href]);
        expect(zoo.connections.http + zoo.connections.https).toBe(before + 1);
      }
    }
    expect(listener.count).toBe(0);
  });

  it("never fetches an AIA URL that points at this machine", async () => {
    for (const { url, port } of aiaServers) {
      const result = await runCheck({ kind: "tls", target: `aia.localhost:${port}`, timeoutMs: 3000 }, { ...options, extraCaCerts: [zoo.certificates.rootCaPem] });
      // The chain stays incomplete: the target is judged on what it sent, never on our refusal.
      expect(codes(result)).toContain("tls_untrusted");
      expect(result.reasons.find((reason) => reason.code === "tls_untrusted")?.message).toContain(`could not be completed from ${url}`);
    }
    expect(listener.count).toBe(0);
  });

  it("never checks a feed's enclosures on this machine", async () => {
    for (const enclosures of [1, 3]) {
      const result = await runCheck({ kind: "feed", target: `http://feed.localhost:${feedPort}/feed.xml`, timeoutMs: 3000, expectations: { enclosures } }, options);
      // The feed is judged on what it lists: its episodes cannot be downloaded from here.
      expect(codes(result)).toEqual(Array.from({ length: enclosures }, () => "enclosure_unreachable"));
      for (const reason of result.reasons) expect(reason.message).toMatch(/is unreachable: Refusing to connect to .*(is blocked|resolves only to blocked addresses)/);
    }
    expect(listener.count).toBe(0);
  });

  it.runIf(resolvesNames)("does not tell where names that point at this machine lead (dns checks)", async () => {
    const targets: Case[] = [
      { kind: "dns", target: "localhost" },
      { kind: "dns", target: "status.localhost" },
      { kind: "dns", target: "rebind.example.test", dnsServers: [dnsServer.server] },
    ];
    for (const { dnsServers, ...check } of targets) {
      const result = await runCheck({ ...check, timeoutMs: 2000 }, { ...options, dnsServers });
      expect([check.target, codes(result)]).toEqual([check.target, ["blocked_address"]]);
    }
  });
});

describe("the self-check URLs", () => {
  it("are fetched by exact URL only: another path, scheme or port of the same host is refused", async () => {
    const base = `http://127.0.0.1:${zoo.httpPort}`;
    const options = { ...(await probePolicy(parseEnv({ PUBLIC_URL: base }))), now: new Date() };
    const before = zoo.connections.http;
    const health = await runCheck({ kind: "http", target: `${base}/api/health`, timeoutMs: 2000, expectations: { expectedStatus: ["404"] } }, options);
    const page = await runCheck({ kind: "http", target: `${base}/`, timeoutMs: 2000, expectations: { expectedStatus: ["404"] } }, options);
    expect([health.state, page.state]).toEqual(["up", "up"]);
    expect(zoo.connections.http).toBe(before + 2);
    for (const target of [`${base}/ok`, `${base}/api/health?x=1`, `http://localhost:${zoo.httpPort}/api/health`, `${base}/redirect?to=${encodeURIComponent(`${base}/api/health`)}`]) {
      expect([target, codes(await runCheck({ kind: "http", target, timeoutMs: 2000 }, options))]).toEqual([target, ["blocked_address"]]);
    }
    expect(codes(await runCheck({ kind: "tcp", target: `127.0.0.1:${zoo.httpPort}`, timeoutMs: 2000 }, options))).toEqual(["blocked_address"]);
    expect(zoo.connections.http).toBe(before + 2);
  });
});

describe("the listener", () => {
  it("counts connections (so its zero above means something)", async () => {
    const before = listener.count;
    await new Promise<void>((resolve, reject) => net.connect(listener.port, "127.0.0.1", resolve).on("error", reject));
    await expect.poll(() => listener.count).toBe(before + 1);
  });
});
