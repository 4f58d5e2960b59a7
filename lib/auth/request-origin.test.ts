import { describe, expect, it } from "vitest";
import { isSameOrigin } from "./request-origin";

const PUBLIC = "https://status.example.fm";

describe("isSameOrigin", () => {
  it("accepts the public origin and the requested host", () => {
    expect(isSameOrigin("https://status.example.fm", "10.0.0.5:3000", PUBLIC)).toBe(true);
    expect(isSameOrigin("http://127.0.0.1:3217", "127.0.0.1:3217", PUBLIC)).toBe(true);
  });
  it.each([
    ["missing", undefined],
    ["empty", ""],
    ["null", "null"],
    ["foreign", "https://evil.example"],
    ["sibling subdomain", "https://evil.status.example.fm"],
    ["other port", "http://127.0.0.1:9999"],
    ["other scheme", "ftp://127.0.0.1:3217"],
    ["garbage", "not a url"],
  ])("rejects a %s Origin", (_, origin) => expect(isSameOrigin(origin, "127.0.0.1:3217", PUBLIC)).toBe(false));
});
