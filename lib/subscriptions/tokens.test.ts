import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { CONFIRM_TOKEN_PATTERN, hashToken, newConfirmToken, signManageToken, verifyManageToken } from "./tokens";

const secret = randomBytes(32);

describe("confirmation tokens", () => {
  it("are 128 random bits, stored as their sha-256", () => {
    const { token, hash } = newConfirmToken();
    expect(Buffer.from(token, "base64url")).toHaveLength(16);
    expect(token).toMatch(CONFIRM_TOKEN_PATTERN);
    expect(hash).toBe(hashToken(token));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(newConfirmToken().token).not.toBe(token);
  });
});

describe("manage tokens", () => {
  const subscriber = { id: "cmabc123", tokenVersion: 2 };

  it("round-trip the subscriber and version", () => {
    expect(verifyManageToken(secret, signManageToken(secret, subscriber))).toEqual({ subscriberId: "cmabc123", tokenVersion: 2 });
  });

  it("reject tampering, another secret and malformed input", () => {
    const token = signManageToken(secret, subscriber);
    const [id, version, mac] = token.split(".") as [string, string, string];
    expect(verifyManageToken(secret, `${id}.3.${mac}`)).toBeNull(); // version raised
    expect(verifyManageToken(secret, `cmabc124.${version}.${mac}`)).toBeNull(); // another subscriber
    expect(verifyManageToken(secret, `${id}.${version}.${mac.slice(0, -1)}${mac.endsWith("A") ? "B" : "A"}`)).toBeNull();
    expect(verifyManageToken(randomBytes(32), token)).toBeNull();
    for (const bad of ["", "a.b.c", `${id}.${version}`, `${token}.x`, `${id.toUpperCase()}.${version}.${mac}`, `${id}.-1.${mac}`]) {
      expect(verifyManageToken(secret, bad)).toBeNull();
    }
  });
});
