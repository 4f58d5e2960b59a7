import { describe, expect, it } from "vitest";
import { isSameOrigin, requestScheme } from "./request-origin";

const PUBLIC = "https://status.example.fm";
const LOCAL = { host: "127.0.0.1:3217", scheme: "http" } as const;

describe("isSameOrigin", () => {
  it("accepts the public origin and the origin the request was sent to", () => {
    expect(isSameOrigin("https://status.example.fm", { host: "10.0.0.5:3000", scheme: "http" }, PUBLIC)).toBe(true);
    expect(isSameOrigin("http://127.0.0.1:3217", LOCAL, PUBLIC)).toBe(true);
    expect(isSameOrigin("https://10.0.0.5", { host: "10.0.0.5:443", scheme: "https" }, PUBLIC)).toBe(true);
  });
  it.each([
    ["missing", undefined],
    ["empty", ""],
    ["null", "null"],
    ["foreign", "https://evil.example"],
    ["sibling subdomain", "https://evil.status.example.fm"],
    ["other port", "http://127.0.0.1:9999"],
    ["other scheme", "ftp://127.0.0.1:3217"],
    ["https on the http site", "https://127.0.0.1:3217"],
    ["public host over http", "http://status.example.fm"],
    ["garbage", "not a url"],
  ])("rejects a %s Origin", (_, origin) => expect(isSameOrigin(origin, LOCAL, PUBLIC)).toBe(false));
});

describe("requestScheme", () => {
  it("is http unless a trusted proxy says https", () => {
    expect(requestScheme("https", 0)).toBe("http");
    expect(requestScheme(null, 1)).toBe("http");
    expect(requestScheme("https", 1)).toBe("https");
    expect(requestScheme("http, https", 1)).toBe("https");
    expect(requestScheme("https, http", 1)).toBe("http");
  });
});
