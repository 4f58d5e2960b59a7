import { describe, expect, it } from "vitest";
import { backoffMs, throttleKeys, waitFor } from "./sign-in-throttle";

const now = new Date("2026-12-01T10:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);

describe("sign-in backoff", () => {
  it("doubles after the free failures and caps per kind: 15 minutes for a client or an address, 1 minute account-wide", () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((n) => backoffMs("client", n))).toEqual([0, 0, 0, 1000, 2000, 4000, 8000]);
    expect(backoffMs("ip", 9)).toBe(0);
    expect(backoffMs("ip", 10)).toBe(1000);
    expect(backoffMs("client", 40)).toBe(15 * 60 * 1000);
    expect(backoffMs("account", 19)).toBe(0);
    expect(backoffMs("account", 21)).toBe(2000);
    expect(backoffMs("account", 500)).toBe(60 * 1000);
  });

  it("waits for the slowest counter, counts time already passed, and forgets after a day", () => {
    const keys = throttleKeys("a@example.com", "192.0.2.1");
    const rows = [
      { key: keys.client, failures: 5, lastFailureAt: ago(1000) },
      { key: "ip:192.0.2.1", failures: 11, lastFailureAt: ago(500) },
    ];
    expect(waitFor(keys, rows, now)).toBe(3000);
    expect(waitFor(keys, [{ key: keys.client, failures: 50, lastFailureAt: ago(24 * 3600 * 1000) }], now)).toBe(0);
    expect(waitFor(keys, [], now)).toBe(0);
  });

  it("never holds back a client that has not failed on the account, however often others have", () => {
    const attacker = throttleKeys("owner@example.com", "198.51.100.66");
    const owner = throttleKeys("owner@example.com", "192.0.2.10");
    const rows = [
      { key: attacker.client, failures: 500, lastFailureAt: ago(10) },
      { key: attacker.ip!, failures: 500, lastFailureAt: ago(10) },
      { key: owner.account, failures: 500, lastFailureAt: ago(10) },
    ];
    expect(waitFor(owner, rows, now)).toBe(0);
    expect(waitFor(attacker, rows, now)).toBe(15 * 60 * 1000 - 10);
    // One miss of its own, and the account-wide ceiling applies to this client too.
    expect(waitFor(owner, [...rows, { key: owner.client, failures: 1, lastFailureAt: ago(10) }], now)).toBe(60 * 1000 - 10);
  });
});
