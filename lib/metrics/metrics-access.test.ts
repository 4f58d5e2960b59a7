import { describe, expect, it } from "vitest";
import { decideMetricsAccess, isLoopback } from "./metrics-access";

const direct = { authorization: null, peerAddress: "127.0.0.1", forwarded: false, dedicatedPort: false };
const TOKEN = "0123456789abcdef-token";

describe("metrics access", () => {
  it("without a token serves only direct loopback requests on the public port", () => {
    expect(decideMetricsAccess(direct, {})).toEqual({ allowed: true });
    expect(decideMetricsAccess({ ...direct, peerAddress: "::1" }, {}).allowed).toBe(true);
    expect(decideMetricsAccess({ ...direct, peerAddress: "::ffff:127.0.0.1" }, {}).allowed).toBe(true);
    expect(decideMetricsAccess({ ...direct, peerAddress: "10.0.0.5" }, {})).toMatchObject({ allowed: false, status: 403 });
    expect(decideMetricsAccess({ ...direct, peerAddress: null }, {})).toMatchObject({ allowed: false, status: 403 });
    // A reverse proxy on the same host connects from loopback: its requests are refused.
    expect(decideMetricsAccess({ ...direct, forwarded: true }, {})).toMatchObject({ allowed: false, status: 403 });
  });

  it("with a token requires exactly that bearer token, from anywhere", () => {
    const settings = { token: TOKEN };
    expect(decideMetricsAccess({ ...direct, peerAddress: "203.0.113.9", forwarded: true, authorization: `Bearer ${TOKEN}` }, settings).allowed).toBe(true);
    expect(decideMetricsAccess({ ...direct, authorization: `bearer ${TOKEN}` }, settings).allowed).toBe(true);
    for (const authorization of [null, "", TOKEN, `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(1)}`, `Basic ${TOKEN}`, "Bearer "]) {
      // Loopback does not replace the token once one is configured.
      expect(decideMetricsAccess({ ...direct, authorization }, settings)).toMatchObject({ allowed: false, status: 401 });
    }
  });

  it("with a dedicated port serves there and answers 404 on the public port", () => {
    const settings = { metricsPort: 9464 };
    expect(decideMetricsAccess(direct, settings)).toMatchObject({ allowed: false, status: 404 });
    expect(decideMetricsAccess({ ...direct, dedicatedPort: true, peerAddress: "10.1.2.3" }, settings).allowed).toBe(true);
    expect(decideMetricsAccess({ ...direct, dedicatedPort: true }, { ...settings, token: TOKEN })).toMatchObject({ allowed: false, status: 401 });
  });

  it("recognises loopback addresses only", () => {
    expect(["127.0.0.1", "127.8.9.1", "::1", "::ffff:127.0.0.1"].every(isLoopback)).toBe(true);
    expect(["10.0.0.1", "::2", "0.0.0.0", "localhost", "", "::ffff:10.0.0.1"].some(isLoopback)).toBe(false);
  });
});
