// TCP checks on loopback: open, refused, unresolvable and a connect that never completes.
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStalledListener } from "@/test/fixtures/fixture-servers";
import { firstSettled } from "@/test/first-settled";
import { runCheck } from "./run-check";
import { NOTHING_OWN } from "@/test/fixtures/probe-policy";

const open = { ...NOTHING_OWN, allowPrivateNetworks: true, allowlist: [], now: new Date() };
let server: net.Server;
let port: number;
beforeAll(async () => {
  server = net.createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as net.AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("tcp checks", () => {
  it("is up when the port accepts", async () => {
    const result = await runCheck({ kind: "tcp", target: `127.0.0.1:${port}`, timeoutMs: 2000 }, open);
    expect(result.state).toBe("up");
    expect(result.reasons[0]?.message).toMatch(new RegExp(`^Connected to 127\\.0\\.0\\.1:${port} in \\d+ ms$`));
    expect(result.timings).toMatchObject({ dns: null, tls: null, ttfb: null });
  });

  it("resolves names, and reports refusal", async () => {
    const result = await runCheck({ kind: "tcp", target: `localhost:${port}`, timeoutMs: 2000 }, open);
    expect(result.state).toBe("up");
    expect(result.timings.dns).not.toBeNull();
    const refused = await runCheck({ kind: "tcp", target: "127.0.0.1:9", timeoutMs: 2000 }, open);
    expect(refused.reasons).toEqual([{ code: "connection_refused", message: "Connection to 127.0.0.1:9 was refused" }]);
    // The address it reached, or was refused by: failures sharing one share a cause.
    expect(result.address).toMatch(/^(127\.0\.0\.1|::1)$/);
    expect(refused.address).toBe("127.0.0.1");
  });

  it("cannot resolve a .invalid name", async () => {
    const result = await runCheck({ kind: "tcp", target: "db.example.invalid:5432", timeoutMs: 2000 }, open);
    expect(result.reasons).toEqual([{ code: "dns", message: "Could not resolve the host of db.example.invalid:5432 (ENOTFOUND)" }]);
  });

  it("times out when the connection never completes", async () => {
    const stalled = await startStalledListener();
    try {
      const target = `127.0.0.1:${stalled.port}`;
      const short = runCheck({ kind: "tcp", target, timeoutMs: 300 }, open);
      const long = runCheck({ kind: "tcp", target, timeoutMs: 1200 }, open);
      expect(await firstSettled({ short, long })).toBe("short");
      expect((await short).reasons).toEqual([{ code: "timeout", message: `Connecting to ${target} timed out after 300 ms` }]);
      await long;
    } finally {
      stalled.close();
    }
  });
});
