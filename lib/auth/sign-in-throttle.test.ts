import { describe, expect, it } from "vitest";
import { backoffMs, waitFor } from "./sign-in-throttle";

const now = new Date("2026-12-01T10:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);

describe("sign-in backoff", () => {
  it("doubles after the free failures and caps at 15 minutes", () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((n) => backoffMs("account", n))).toEqual([0, 0, 0, 1000, 2000, 4000, 8000]);
    expect(backoffMs("ip", 9)).toBe(0);
    expect(backoffMs("ip", 10)).toBe(1000);
    expect(backoffMs("account", 40)).toBe(15 * 60 * 1000);
  });
  it("waits for the slowest key, counts time already passed, and forgets after a day", () => {
    const rows = [
      { key: "account:a@example.com", failures: 5, lastFailureAt: ago(1000) },
      { key: "ip:192.0.2.1", failures: 11, lastFailureAt: ago(500) },
    ];
    expect(waitFor(rows, now)).toBe(3000);
    expect(waitFor([{ key: "account:a", failures: 50, lastFailureAt: ago(24 * 3600 * 1000) }], now)).toBe(0);
    expect(waitFor([], now)).toBe(0);
  });
});
