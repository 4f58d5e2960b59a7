// TOTP as every authenticator app speaks it (RFC 6238: SHA-1, 6 digits, 30-second steps), verified
// against the clock the caller passes. A code is good for its own step and one step either side
// (phones drift); the step it was accepted for is remembered, so that code — and any older one —
// is refused afterwards (a replay, or a code shoulder-surfed from the previous step).
import { Secret, TOTP } from "otpauth";

export const TOTP_PERIOD_SECONDS = 30;
/** Steps accepted either side of the current one. */
export const TOTP_WINDOW = 1;

/** A fresh 160-bit secret, base32 as the apps want it. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totp(secret: string, label = "admin"): TOTP {
  return new TOTP({ issuer: "Vigil", label, algorithm: "SHA1", digits: 6, period: TOTP_PERIOD_SECONDS, secret: Secret.fromBase32(secret) });
}

/** The otpauth:// URI an app imports (the secret, the issuer and the admin's email as its label). */
export function totpUri(secret: string, label: string): string {
  return totp(secret, label).toString();
}

/** The code for `at` (tests and the e2e compute what an app would show). */
export function totpCode(secret: string, at: Date): string {
  return totp(secret).generate({ timestamp: at.getTime() });
}

export function totpStep(at: Date): number {
  return Math.floor(at.getTime() / 1000 / TOTP_PERIOD_SECONDS);
}

export type TotpCheck = { ok: true; step: number } | { ok: false; reason: "wrong" | "replayed" };

/** Whether `code` is good at `now`, given the step of the last accepted code (null: none yet). */
export function checkTotp(secret: string, code: string, now: Date, lastUsedStep: number | null): TotpCheck {
  const delta = totp(secret).validate({ token: code, timestamp: now.getTime(), window: TOTP_WINDOW });
  if (delta === null) return { ok: false, reason: "wrong" };
  const step = totpStep(now) + delta;
  if (lastUsedStep !== null && step <= lastUsedStep) return { ok: false, reason: "replayed" };
  return { ok: true, step };
}
