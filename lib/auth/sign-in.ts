// Sign-in: one answer for an unknown email and a wrong password (and the same work: an unknown
// email is verified against a dummy hash), exponential backoff per account and client address
// together, per address, and a slower account-wide ceiling (sign-in-throttle.ts), and an audit row
// for every success and failure. An admin with a second factor gets no session from the password:
// a pending sign-in starts instead (second-factor/pending-sign-in.ts), its token for its own cookie.
import "server-only";
import type { VisitorContext } from "../action-context";
import { recordAudit } from "../audit/record-audit";
import { db } from "../db";
import { hashPassword, verifyPassword } from "./passwords";
import type { SignIn } from "./schemas";
import { startPendingSignIn } from "./second-factor/pending-sign-in";
import { hasSecondFactor } from "./second-factor/totp-enrolment";
import { startSession } from "./sessions";
import { clearClientThrottle, readThrottle, recordFailure, throttleKeys, waitFor } from "./sign-in-throttle";

export const SIGN_IN_FAILED = "Email or password is incorrect.";

/** `step`: "session" — signed in (token for the session cookie); "second_factor" — token for the pending cookie. */
export type SignInResult =
  | { ok: true; step: "session" | "second_factor"; token: string; expiresAt: Date; adminId: string }
  | { ok: false; error: string; retryAfterSeconds?: number };

let dummyHash: Promise<string> | undefined;
/** A real argon2id hash of a random secret, so unknown emails cost what known ones cost. */
function dummy(): Promise<string> {
  dummyHash ??= hashPassword(crypto.randomUUID());
  return dummyHash;
}

export async function signIn({ ctx: { now, client }, input: { email, password } }: { ctx: VisitorContext; input: SignIn }): Promise<SignInResult> {
  const keys = throttleKeys(email, client.ip);
  const verdict = await db().$transaction(
    async (tx) => {
      // One attempt per account at a time, so parallel guesses cannot all slip past the backoff.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${keys.account}))`;
      const wait = waitFor(keys, await readThrottle(tx, keys), now);
      if (wait > 0) {
        await recordAudit(tx, { actorLabel: email, action: "auth.sign_in_throttled", objectType: "admin", ip: client.ip, details: { waitMs: wait } });
        return { ok: false as const, retryAfterSeconds: Math.ceil(wait / 1000) };
      }
      const admin = await tx.adminUser.findUnique({ where: { email }, select: { id: true, passwordHash: true, disabledAt: true } });
      const valid = await verifyPassword(admin?.passwordHash ?? (await dummy()), password);
      if (!admin || !valid || admin.disabledAt) {
        await recordFailure(tx, keys, now);
        await recordAudit(tx, { actorId: admin?.id ?? null, actorLabel: email, action: "auth.sign_in_failed", objectType: "admin", objectId: admin?.id ?? null, ip: client.ip });
        return { ok: false as const };
      }
      await clearClientThrottle(tx, keys);
      if (await hasSecondFactor(tx, admin.id)) {
        const pending = await startPendingSignIn(tx, { now, client }, admin.id);
        await recordAudit(tx, { actorId: admin.id, actorLabel: email, action: "auth.password_accepted", objectType: "admin", objectId: admin.id, ip: client.ip });
        return { ok: true as const, adminId: admin.id, pending };
      }
      await recordAudit(tx, { actorId: admin.id, actorLabel: email, action: "auth.sign_in", objectType: "admin", objectId: admin.id, ip: client.ip });
      return { ok: true as const, adminId: admin.id, pending: null };
    },
    { timeout: 15_000 },
  );
  if (!verdict.ok) {
    return verdict.retryAfterSeconds
      ? { ok: false, error: `Too many attempts. Try again in ${verdict.retryAfterSeconds} s.`, retryAfterSeconds: verdict.retryAfterSeconds }
      : { ok: false, error: SIGN_IN_FAILED };
  }
  if (verdict.pending) return { ok: true, step: "second_factor", adminId: verdict.adminId, ...verdict.pending };
  const session = await startSession({ ctx: { now, client }, input: { adminId: verdict.adminId } });
  return { ok: true, step: "session", adminId: verdict.adminId, ...session };
}
