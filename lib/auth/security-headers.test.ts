import { describe, expect, it } from "vitest";
import { parseEnv } from "../env";
import { adminContentSecurityPolicy, newNonce } from "./security-headers";
import { sessionCookie, sessionCookieOptions } from "./session-cookie";

describe("console security headers", () => {
  it("builds a strict nonce CSP; https adds upgrade-insecure-requests, dev allows eval", () => {
    const nonce = newNonce();
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{24}$/);
    expect(newNonce()).not.toBe(nonce);
    const csp = adminContentSecurityPolicy(nonce, { https: false, dev: false });
    expect(csp).toContain(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
    for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'"]) expect(csp).toContain(directive);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|upgrade-insecure-requests/);
    expect(adminContentSecurityPolicy(nonce, { https: true, dev: true })).toMatch(/'unsafe-eval'.*upgrade-insecure-requests/);
  });

  it("names the session cookie __Host- and marks it Secure only over https", () => {
    expect(sessionCookie(parseEnv({ PUBLIC_URL: "https://status.example.fm" }))).toEqual({ name: "__Host-vigil_session", secure: true });
    const plain = sessionCookie(parseEnv({}));
    expect(plain).toEqual({ name: "vigil_session", secure: false });
    const expires = new Date("2026-12-08T00:00:00Z");
    expect(sessionCookieOptions(plain, expires)).toEqual({ httpOnly: true, secure: false, sameSite: "lax", path: "/", expires });
  });
});
