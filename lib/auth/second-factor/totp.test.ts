import { describe, expect, it } from "vitest";
import { checkTotp, newTotpSecret, totpCode, totpStep, totpUri } from "./totp";

// RFC 6238's SHA-1 test key ("12345678901234567890") in base32.
const RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

describe("TOTP", () => {
  it("speaks RFC 6238 (its SHA-1 test vectors, last six digits)", () => {
    expect(totpCode(RFC_SECRET, new Date(59_000))).toBe("287082");
    expect(totpCode(RFC_SECRET, new Date(1_111_111_109_000))).toBe("081804");
    expect(totpCode(RFC_SECRET, new Date(2_000_000_000_000))).toBe("279037");
  });

  it("accepts the current step and one either side, refuses two off, a wrong code and any used step", () => {
    const now = new Date("2026-12-01T10:00:10Z");
    const step = totpStep(now);
    const codeAt = (offsetSteps: number) => totpCode(RFC_SECRET, new Date(now.getTime() + offsetSteps * 30_000));
    expect(checkTotp(RFC_SECRET, codeAt(0), now, null)).toEqual({ ok: true, step });
    expect(checkTotp(RFC_SECRET, codeAt(-1), now, null)).toEqual({ ok: true, step: step - 1 });
    expect(checkTotp(RFC_SECRET, codeAt(1), now, null)).toEqual({ ok: true, step: step + 1 });
    expect(checkTotp(RFC_SECRET, codeAt(2), now, null)).toEqual({ ok: false, reason: "wrong" });
    expect(checkTotp(RFC_SECRET, codeAt(-2), now, null)).toEqual({ ok: false, reason: "wrong" });
    expect(checkTotp(RFC_SECRET, codeAt(0), now, step)).toEqual({ ok: false, reason: "replayed" });
    expect(checkTotp(RFC_SECRET, codeAt(-1), now, step - 1)).toEqual({ ok: false, reason: "replayed" });
    expect(checkTotp(RFC_SECRET, codeAt(1), now, step)).toEqual({ ok: true, step: step + 1 });
    const wrong = codeAt(0) === "000000" ? "111111" : "000000";
    expect(checkTotp(RFC_SECRET, wrong, now, null)).toEqual({ ok: false, reason: "wrong" });
  });

  it("makes 160-bit secrets and an otpauth:// URI apps import", () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(secret);
    const uri = new URL(totpUri(secret, "owner@example.fm"));
    expect(uri.protocol).toBe("otpauth:");
    expect(Object.fromEntries(uri.searchParams)).toMatchObject({ secret, issuer: "Vigil", algorithm: "SHA1", digits: "6", period: "30" });
  });
});
