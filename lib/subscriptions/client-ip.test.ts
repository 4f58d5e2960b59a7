import { describe, expect, it } from "vitest";
import { clientIpFrom } from "./client-ip";

describe("clientIpFrom", () => {
  const headers = new Headers({ "x-vigil-client-ip": "192.0.2.1", "x-forwarded-for": "203.0.113.5, 198.51.100.7" });

  it("uses the socket address the web server wrote, ignoring X-Forwarded-For unless the proxy is trusted", () => {
    expect(clientIpFrom(headers, false)).toBe("192.0.2.1");
  });

  it("behind a trusted proxy takes the last X-Forwarded-For entry (the one the proxy appended)", () => {
    expect(clientIpFrom(headers, true)).toBe("198.51.100.7");
    expect(clientIpFrom(new Headers({ "x-vigil-client-ip": "192.0.2.1" }), true)).toBe("192.0.2.1");
  });

  it("is null when nothing says where the request came from", () => {
    expect(clientIpFrom(new Headers(), false)).toBeNull();
  });
});
