import { describe, expect, it } from "vitest";
import { clientIp } from "./client-ip";

describe("clientIp", () => {
  it("uses the socket address unless proxies are trusted", () => {
    expect(clientIp("::ffff:192.0.2.1", "203.0.113.9", 0)).toBe("192.0.2.1");
    expect(clientIp("10.0.0.2", undefined, 1)).toBe("10.0.0.2");
  });
  it("takes the address the trusted proxies saw, ignoring what the client prepended", () => {
    expect(clientIp("10.0.0.2", "6.6.6.6, 203.0.113.9", 1)).toBe("203.0.113.9");
    expect(clientIp("10.0.0.2", "6.6.6.6, 203.0.113.9, 10.0.0.9", 2)).toBe("203.0.113.9");
    expect(clientIp("10.0.0.2", ["203.0.113.9"], 3)).toBe("203.0.113.9");
  });
});
