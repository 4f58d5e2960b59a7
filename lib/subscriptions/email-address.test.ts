import { describe, expect, it } from "vitest";
import { normaliseEmail, SubscriberEmail } from "./email-address";

describe("subscriber email normalisation", () => {
  it.each([
    ["  Ada@Example.COM ", "ada@example.com"],
    ["\tbob@example.fm\n", "bob@example.fm"],
    ["jörg@Bücher.example", "jörg@xn--bcher-kva.example"],
    ["info@münchen.de", "info@xn--mnchen-3ya.de"],
    ["a.b+tag@sub.example.org", "a.b+tag@sub.example.org"],
  ])("%j → %j", (input, expected) => {
    expect(normaliseEmail(input)).toBe(expected);
  });

  it("accepts and normalises through the schema", () => {
    expect(SubscriberEmail.parse(" Info@MÜNCHEN.de ")).toBe("info@xn--mnchen-3ya.de");
  });

  it.each([
    ["", "email must be an address like name@example.com"],
    ["no-at-sign", "email must be an address like name@example.com"],
    ["@example.com", "email must be an address like name@example.com"],
    ["someone@", "email must be an address like name@example.com"],
    ["two@@example.com", "email must be an address like name@example.com"],
    ["spaces in@example.com", "email must be an address like name@example.com"],
    ["x@exa mple.com", "email must be an address like name@example.com"],
    [`${"a".repeat(250)}@example.com`, "email is too long"],
  ])("rejects %j with a clear message", (input, message) => {
    const result = SubscriberEmail.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(message);
  });

  it("rejects non-strings", () => {
    expect(SubscriberEmail.safeParse(42).error?.issues[0]?.message).toBe("email is required");
    expect(SubscriberEmail.safeParse(undefined).error?.issues[0]?.message).toBe("email is required");
  });
});
