// TLS verdicts against the fixture zoo: real handshakes with generated certificates.
import { X509Certificate } from "node:crypto";
import https from "node:https";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFixtureZoo, type FixtureZoo } from "@/test/fixtures/fixture-servers";
import type { TlsCase } from "@/test/fixtures/certificates";
import { firstSettled } from "@/test/first-settled";
import { runCheck } from "./run-check";
import { CheckResult } from "./schemas";

let zoo: FixtureZoo;
beforeAll(async () => {
  zoo = await startFixtureZoo();
});
afterAll(() => zoo.close());

const tlsTarget = (tlsCase: TlsCase) => `${tlsCase}.localhost:${zoo.httpsPort}`;

describe("tls checks", () => {
  it.each([
    { tlsCase: "valid", state: "up", reasons: ["ok"], warnings: [], daysLeft: 80, chain: 2 },
    { tlsCase: "expired", state: "down", reasons: ["tls_expired"], warnings: [], daysLeft: -3, chain: 2 },
    { tlsCase: "not-yet-valid", state: "down", reasons: ["tls_not_yet_valid"], warnings: [], daysLeft: 92, chain: 2 },
    { tlsCase: "critical", state: "up", reasons: ["ok"], warnings: ["critical"], daysLeft: 5, chain: 2 },
    { tlsCase: "warning", state: "up", reasons: ["ok"], warnings: ["warning"], daysLeft: 20, chain: 2 },
    { tlsCase: "third", state: "up", reasons: ["ok"], warnings: ["warning"], daysLeft: 100, chain: 2 },
    { tlsCase: "self-signed", state: "down", reasons: ["tls_self_signed"], warnings: [], daysLeft: 80, chain: 1 },
    { tlsCase: "wrong-host", state: "down", reasons: ["tls_hostname_mismatch"], warnings: [], daysLeft: 80, chain: 2 },
    {
      tlsCase: "expired-wrong-host",
      state: "down",
      reasons: ["tls_expired", "tls_hostname_mismatch"],
      warnings: [],
      daysLeft: -3,
      chain: 2,
    },
    { tlsCase: "untrusted", state: "down", reasons: ["tls_untrusted"], warnings: [], daysLeft: 80, chain: 1 },
    { tlsCase: "untrusted-with-root", state: "down", reasons: ["tls_untrusted"], warnings: [], daysLeft: 80, chain: 2 },
    { tlsCase: "missing-intermediate", state: "down", reasons: ["tls_incomplete_chain"], warnings: [], daysLeft: 80, chain: 1 },
    { tlsCase: "missing-intermediate-no-aia", state: "down", reasons: ["tls_untrusted"], warnings: [], daysLeft: 80, chain: 1 },
  ] as const)("$tlsCase: $state $reasons", async ({ tlsCase, state, reasons, warnings, daysLeft, chain }) => {
    const result = await runCheck({ kind: "tls", target: tlsTarget(tlsCase), timeoutMs: 5000 }, zoo.probeOptions);
    expect(result.state).toBe(state);
    expect(result.reasons.map((reason) => reason.code)).toEqual(reasons);
    expect(result.warnings.map((warning) => warning.severity)).toEqual(warnings);
    expect(result.certificate?.daysLeft).toBe(daysLeft);
    expect(result.certificate?.chain).toHaveLength(chain);
    expect(result.statusCode).toBeNull();
    expect(CheckResult.parse(result)).toEqual(result);
  });

  it("reports the certificate's facts and the chain as sent (the trusted root is left out)", async () => {
    const result = await runCheck({ kind: "tls", target: tlsTarget("valid"), timeoutMs: 5000 }, zoo.probeOptions);
    const leaf = new X509Certificate(zoo.certificates.servers.valid.leafPem);
    const intermediate = new X509Certificate(zoo.certificates.intermediateCaPem);
    expect(result.certificate).toEqual({
      subject: "CN=valid.localhost, O=Vigil Test Fixtures",
      sans: ["valid.localhost", "127.0.0.1"],
      issuer: "CN=Vigil Test Intermediate CA, O=Vigil Test Fixtures",
      serial: leaf.serialNumber,
      fingerprint256: leaf.fingerprint256,
      validFrom: new Date(leaf.validFrom).toISOString(),
      validTo: new Date(leaf.validTo).toISOString(),
      daysLeft: 80,
      lifetimeDays: 91,
      chain: [
        {
          subject: "CN=valid.localhost, O=Vigil Test Fixtures",
          issuer: "CN=Vigil Test Intermediate CA, O=Vigil Test Fixtures",
          validTo: new Date(leaf.validTo).toISOString(),
          fingerprint256: leaf.fingerprint256,
        },
        {
          subject: "CN=Vigil Test Intermediate CA, O=Vigil Test Fixtures",
          issuer: "CN=Vigil Test Root CA, O=Vigil Test Fixtures",
          validTo: new Date(intermediate.validTo).toISOString(),
          fingerprint256: intermediate.fingerprint256,
        },
      ],
    });
    expect(result.timings.tls).not.toBeNull();
    expect(result.reasons[0]?.message).toBe(
      "TLS certificate for valid.localhost is valid for 80 days more (issued by CN=Vigil Test Intermediate CA, O=Vigil Test Fixtures)",
    );
  });

  it("reports a refused chain exactly as sent, the untrusted root included", async () => {
    const result = await runCheck({ kind: "tls", target: tlsTarget("untrusted-with-root"), timeoutMs: 5000 }, zoo.probeOptions);
    expect(result.certificate?.chain.map((cert) => cert.subject)).toEqual([
      "CN=untrusted-with-root.localhost, O=Vigil Test Fixtures",
      "CN=Untrusted Root CA, O=Vigil Test Fixtures",
    ]);
  });

  it("sees a replaced certificate at the very next check, with its own facts and chain", async () => {
    // One server for valid.localhost whose certificate is swapped between checks: the chains of
    // verified handshakes are remembered per leaf (verified-chains.ts), never per host or target.
    const { servers } = zoo.certificates;
    const serve = (tlsCase: TlsCase) => ({ cert: servers[tlsCase].certChainPem, key: servers[tlsCase].keyPem });
    const server = https.createServer(serve("valid"), (_request, response) => response.end("ok"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as net.AddressInfo;
    const check = () => runCheck({ kind: "http", target: `https://valid.localhost:${port}/`, timeoutMs: 5000 }, zoo.probeOptions);
    const leafOf = (tlsCase: TlsCase) => new X509Certificate(servers[tlsCase].leafPem).fingerprint256;
    try {
      const before = await check();
      server.setSecureContext(serve("critical"));
      const replaced = await check();
      server.setSecureContext(serve("valid"));
      const back = await check();

      expect(before.state).toBe("up");
      expect(before.certificate?.fingerprint256).toBe(leafOf("valid"));
      expect(replaced.reasons.map((reason) => reason.code)).toEqual(["tls_hostname_mismatch"]);
      expect(replaced.certificate).toMatchObject({ fingerprint256: leafOf("critical"), sans: ["critical.localhost", "127.0.0.1"], daysLeft: 5 });
      expect(replaced.certificate?.chain.map((cert) => cert.fingerprint256)).toEqual([
        leafOf("critical"),
        new X509Certificate(zoo.certificates.intermediateCaPem).fingerprint256,
      ]);
      expect(back.state).toBe("up");
      expect(back.certificate).toEqual(before.certificate);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("trusts only what it is told to: without the test root the valid chain is untrusted", async () => {
    const result = await runCheck({ kind: "tls", target: tlsTarget("valid"), timeoutMs: 5000 }, { ...zoo.probeOptions, extraCaCerts: [] });
    expect(result.reasons.map((reason) => reason.code)).toEqual(["tls_untrusted"]);
  });

  it("takes the thresholds from the monitor", async () => {
    const result = await runCheck(
      { kind: "tls", target: tlsTarget("warning"), timeoutMs: 5000, expectations: { warnDays: 10, criticalDays: 3 } },
      zoo.probeOptions,
    );
    expect(result.warnings).toEqual([]);
    const critical = await runCheck(
      { kind: "tls", target: tlsTarget("warning"), timeoutMs: 5000, expectations: { warnDays: 60, criticalDays: 21 } },
      zoo.probeOptions,
    );
    expect(critical.warnings.map((warning) => warning.severity)).toEqual(["critical"]);
  });

  it("fetches a missing intermediate from AIA only through the SSRF guard", async () => {
    // The leaf's host is allowed, the AIA address (127.0.0.1) is not: the chain cannot be completed.
    const before = zoo.connections.http;
    const result = await runCheck(
      { kind: "tls", target: tlsTarget("missing-intermediate"), timeoutMs: 5000 },
      { ...zoo.probeOptions, allowPrivateNetworks: false, allowlist: ["missing-intermediate.localhost"] },
    );
    expect(result.reasons.map((reason) => reason.code)).toEqual(["tls_untrusted"]);
    expect(result.reasons[0]?.message).toContain("could not be completed from http://127.0.0.1:");
    expect(zoo.connections.http).toBe(before);
  });

  it("gives up on a server that never completes the handshake, at its own timeout", async () => {
    const accepted: net.Socket[] = [];
    const silent = net.createServer((socket) => void accepted.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as net.AddressInfo;
    const short = runCheck({ kind: "tls", target: `127.0.0.1:${port}`, timeoutMs: 400 }, zoo.probeOptions);
    const long = runCheck({ kind: "tls", target: `127.0.0.1:${port}`, timeoutMs: 1600 }, zoo.probeOptions);
    expect(await firstSettled({ short, long })).toBe("short");
    const result = await short;
    expect(result.state).toBe("down");
    expect(result.reasons).toEqual([{ code: "timeout", message: `No TLS handshake with 127.0.0.1:${port} within the 400 ms timeout` }]);
    await long;
    for (const socket of accepted) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  it("judges the certificate of every https target of an http check", async () => {
    const result = await runCheck({ kind: "http", target: `https://${tlsTarget("expired-wrong-host")}/ok`, timeoutMs: 5000 }, zoo.probeOptions);
    expect(result.reasons.map((reason) => reason.code)).toEqual(["tls_expired", "tls_hostname_mismatch"]);
    expect(result.statusCode).toBeNull(); // no request is sent over a refused certificate
    const valid = await runCheck({ kind: "http", target: `https://${tlsTarget("critical")}/ok`, timeoutMs: 5000 }, zoo.probeOptions);
    expect(valid.state).toBe("up");
    expect(valid.warnings.map((warning) => warning.severity)).toEqual(["critical"]);
    expect(valid.certificate?.daysLeft).toBe(5);
  });
});
