import { describe, expect, it } from "vitest";
import { pathForLog, requestIdFrom } from "./request-id";

describe("request ids", () => {
  it("keeps a sane incoming id and replaces anything else with a fresh UUID", () => {
    expect(requestIdFrom("abc-123.def:9")).toBe("abc-123.def:9");
    expect(requestIdFrom(["first", "second"])).toBe("first");
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    for (const bad of [undefined, "", "has space", "x".repeat(129), "new\nline", '{"json":1}']) {
      expect(requestIdFrom(bad)).toMatch(uuid);
    }
    expect(requestIdFrom(undefined)).not.toBe(requestIdFrom(undefined));
  });

  it("logs paths without query strings, which may carry tokens", () => {
    expect(pathForLog("/unsubscribe?token=secret")).toBe("/unsubscribe");
    expect(pathForLog(undefined)).toBe("/");
    expect(pathForLog(`/${"a".repeat(600)}`)).toHaveLength(513);
  });

  it("logs a subscriber's manage token in the path as :token", () => {
    expect(pathForLog("/subscription/abc.0.SECRET")).toBe("/subscription/:token");
    expect(pathForLog("/subscription/abc.0.SECRET?confirmed=1")).toBe("/subscription/:token");
    expect(pathForLog("/api/subscriptions/abc.0.SECRET")).toBe("/api/subscriptions/:token");
    expect(pathForLog("/api/subscriptions/abc.0.SECRET/extra")).toBe("/api/subscriptions/:token/extra");
    expect(pathForLog("/api/subscriptions")).toBe("/api/subscriptions");
    expect(pathForLog("/api/subscriptions/unsubscribe")).toBe("/api/subscriptions/unsubscribe");
    expect(pathForLog("/subscriptions-and-more")).toBe("/subscriptions-and-more");
  });
});
