// The second step of a sign-in. When the password (or, later, another first factor) passes for an
// admin with a second factor, no session starts: a pending sign-in does, whose own cookie opens
// nothing but this step — for PENDING_SIGN_IN_TTL_MS and PENDING_SIGN_IN_MAX_FAILURES wrong
// answers, after which the password is asked again. Wrong answers also count against the account
// (sign-in-throttle.ts, kind secondFactor), so restarting the sign-in buys no extra guesses. Then
// one of: a code from the authenticator app (its step once only), a recovery code (once only), or
// a passkey. Every success and failure is audited; success starts the real session.
import "server-only";
import {
  generateAuthenticationOptions,
  verifyAuthenticationResponse,
  type AuthenticatorTransportFuture,
  type PublicKeyCredentialRequestOptionsJSON,
} from "@simplewebauthn/server";
import type { Visit, VisitorContext } from "../../action-context";
import { recordAudit } from "../../audit/record-audit";
import { db } from "../../db";
import { VigilError } from "../../errors";
import type { Prisma } from "../../generated/prisma/client";
import { startSession } from "../sessions";
import { keyWait, recordKeyFailure, secondFactorThrottleKey } from "../sign-in-throttle";
import { hashToken, newToken } from "../tokens";
import { WrongCodeError } from "./errors";
import { PASSKEY_CHALLENGE_TTL_MS } from "./passkeys";
import type { SecondFactorKind } from "./policy";
import { hashRecoveryCode } from "./recovery-codes";
import { relyingParty } from "./relying-party";
import type { PasskeySignIn, SecondFactorCode } from "./schemas";
import { checkTotp } from "./totp";
import { openTotpSecret } from "./totp-enrolment";

export const PENDING_SIGN_IN_TTL_MS = PASSKEY_CHALLENGE_TTL_MS;
export const PENDING_SIGN_IN_MAX_FAILURES = 5;

export class PendingSignInExpiredError extends VigilError {
  constructor() {
    super("invalid_link", "this sign-in has expired; sign in again with your password");
  }
}

export class SecondFactorThrottledError extends VigilError {
  constructor(readonly retryAfterSeconds: number) {
    super("forbidden", `too many wrong answers; try again in ${retryAfterSeconds} s`);
  }
}

export type PendingSignInView = { email: string; expiresAt: Date; methods: { totp: boolean; recoveryCode: boolean; passkey: boolean } };
export type SignedIn = { token: string; expiresAt: Date; adminId: string };

type PendingToken = { token: string | null | undefined };

/** Starts the second step for an admin whose first factor just passed; the token goes into the pending cookie. */
export async function startPendingSignIn(tx: Prisma.TransactionClient, { now, client }: VisitorContext, adminId: string): Promise<{ token: string; expiresAt: Date }> {
  const token = newToken();
  const expiresAt = new Date(now.getTime() + PENDING_SIGN_IN_TTL_MS);
  await tx.adminPendingSignIn.create({
    data: { tokenHash: hashToken(token), adminId, ip: client.ip, userAgent: client.userAgent?.slice(0, 300) ?? null, createdAt: now, expiresAt },
  });
  return { token, expiresAt };
}

async function livePending(client: Prisma.TransactionClient, token: string | null | undefined, now: Date) {
  if (!token || token.length > 200) return null;
  const pending = await client.adminPendingSignIn.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { admin: { select: { id: true, email: true, disabledAt: true } } },
  });
  if (!pending || pending.completedAt || pending.expiresAt <= now || pending.failures >= PENDING_SIGN_IN_MAX_FAILURES || pending.admin.disabledAt) return null;
  return pending;
}
type LivePending = NonNullable<Awaited<ReturnType<typeof livePending>>>;

/** What the second-step page offers, or null when the pending sign-in is unknown, used or over. */
export async function readPendingSignIn(token: string | null | undefined, now: Date): Promise<PendingSignInView | null> {
  const pending = await livePending(db(), token, now);
  if (!pending) return null;
  const adminId = pending.adminId;
  const [totp, recoveryCodes, passkeys] = await Promise.all([
    db().adminTotp.count({ where: { adminId, confirmedAt: { not: null } } }),
    db().adminRecoveryCode.count({ where: { adminId, usedAt: null } }),
    db().adminPasskey.count({ where: { adminId } }),
  ]);
  return { email: pending.admin.email, expiresAt: pending.expiresAt, methods: { totp: totp > 0, recoveryCode: recoveryCodes > 0, passkey: passkeys > 0 } };
}

/** Completes the sign-in with a code from the authenticator app or a recovery code. */
export async function completeSignInWithCode({ ctx, input: { token, method, code } }: Visit<PendingToken & SecondFactorCode>): Promise<SignedIn> {
  const pending = await admitAttempt(token, ctx.now);
  if (method === "totp") {
    const totp = await db().adminTotp.findUnique({ where: { adminId: pending.adminId } });
    const check = totp?.confirmedAt ? checkTotp(await openTotpSecret(totp.secretSealed), code, ctx.now, totp.lastUsedStep) : ({ ok: false, reason: "wrong" } as const);
    if (!check.ok) return failAttempt(ctx, pending, method, check.reason === "replayed" ? "that code was already used; wait for the next one" : undefined);
    return succeed(ctx, pending, method, async (tx) => {
      // Race-safe: of two requests with the same code, only one moves the step forward.
      const { count } = await tx.adminTotp.updateMany({
        where: { adminId: pending.adminId, confirmedAt: { not: null }, OR: [{ lastUsedStep: null }, { lastUsedStep: { lt: check.step } }] },
        data: { lastUsedStep: check.step },
      });
      return count === 1;
    });
  }
  const codeHash = hashRecoveryCode(code);
  const known = await db().adminRecoveryCode.findFirst({ where: { adminId: pending.adminId, codeHash, usedAt: null }, select: { id: true } });
  if (!known) return failAttempt(ctx, pending, method, "that recovery code is not right, or was already used");
  return succeed(ctx, pending, method, async (tx) => {
    const { count } = await tx.adminRecoveryCode.updateMany({ where: { id: known.id, usedAt: null }, data: { usedAt: ctx.now } });
    return count === 1;
  });
}

/** The WebAuthn request for the browser; its challenge is kept on the pending sign-in. */
export async function passkeySignInOptions({ ctx: { now }, input: { token } }: Visit<PendingToken>): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const pending = await livePending(db(), token, now);
  if (!pending) throw new PendingSignInExpiredError();
  const passkeys = await db().adminPasskey.findMany({ where: { adminId: pending.adminId }, select: { credentialId: true, transports: true } });
  const options = await generateAuthenticationOptions({
    rpID: relyingParty().id,
    allowCredentials: passkeys.map((passkey) => ({ id: passkey.credentialId, transports: passkey.transports as AuthenticatorTransportFuture[] })),
    userVerification: "preferred",
  });
  await db().adminPendingSignIn.updateMany({ where: { id: pending.id, completedAt: null }, data: { passkeyChallenge: options.challenge } });
  return options;
}

/** Completes the sign-in with a passkey's answer to the challenge from passkeySignInOptions. */
export async function completeSignInWithPasskey({ ctx, input: { token, response } }: Visit<PendingToken & PasskeySignIn>): Promise<SignedIn> {
  const pending = await admitAttempt(token, ctx.now);
  const challenge = pending.passkeyChallenge;
  const passkey = await db().adminPasskey.findFirst({ where: { adminId: pending.adminId, credentialId: response.id } });
  if (!challenge || !passkey) return failAttempt(ctx, pending, "passkey", "that passkey is not one of yours");
  const rp = relyingParty();
  const verified = await verifyAuthenticationResponse({
    response,
    expectedChallenge: challenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.id,
    credential: { id: passkey.credentialId, publicKey: new Uint8Array(passkey.publicKey), counter: Number(passkey.counter), transports: passkey.transports as AuthenticatorTransportFuture[] },
    requireUserVerification: false,
  }).catch(() => ({ verified: false as const, authenticationInfo: undefined }));
  if (!verified.verified || !verified.authenticationInfo) return failAttempt(ctx, pending, "passkey", "the passkey's answer could not be verified");
  const newCounter = BigInt(verified.authenticationInfo.newCounter);
  return succeed(ctx, pending, "passkey", async (tx) => {
    const used = await tx.adminPendingSignIn.updateMany({ where: { id: pending.id, passkeyChallenge: challenge }, data: { passkeyChallenge: null } });
    const counted = await tx.adminPasskey.updateMany({ where: { id: passkey.id, counter: passkey.counter }, data: { counter: newCounter, lastUsedAt: ctx.now } });
    return used.count === 1 && counted.count === 1;
  });
}

/** The pending sign-in behind the token, if it may take another attempt now. */
async function admitAttempt(token: string | null | undefined, now: Date): Promise<LivePending> {
  const pending = await livePending(db(), token, now);
  if (!pending) throw new PendingSignInExpiredError();
  const wait = await keyWait(db(), "secondFactor", secondFactorThrottleKey(pending.admin.email), now);
  if (wait > 0) throw new SecondFactorThrottledError(Math.ceil(wait / 1000));
  return pending;
}

async function failAttempt({ now, client }: VisitorContext, pending: LivePending, method: SecondFactorKind, message?: string): Promise<never> {
  const failures = await db().$transaction(async (tx) => {
    const row = await tx.adminPendingSignIn.update({ where: { id: pending.id }, data: { failures: { increment: 1 } }, select: { failures: true } });
    await recordKeyFailure(tx, secondFactorThrottleKey(pending.admin.email), now);
    await recordAudit(tx, { actorId: pending.adminId, actorLabel: pending.admin.email, action: "auth.second_factor_failed", objectType: "admin", objectId: pending.adminId, ip: client.ip, details: { method } });
    return row.failures;
  });
  if (failures >= PENDING_SIGN_IN_MAX_FAILURES) throw new WrongCodeError("too many wrong answers; sign in again with your password");
  throw new WrongCodeError(message);
}

/** Thrown inside the success transaction to roll it back: the factor was used meanwhile. */
class FactorUsedMeanwhile extends Error {}

/** Uses up the factor (`consume` says whether it was still unused) and the pending sign-in, then starts the session. */
async function succeed(ctx: VisitorContext, pending: LivePending, method: SecondFactorKind, consume: (tx: Prisma.TransactionClient) => Promise<boolean>): Promise<SignedIn> {
  try {
    await db().$transaction(async (tx) => {
      const { count } = await tx.adminPendingSignIn.updateMany({ where: { id: pending.id, completedAt: null }, data: { completedAt: ctx.now } });
      if (count === 0) throw new PendingSignInExpiredError();
      if (!(await consume(tx))) throw new FactorUsedMeanwhile();
      await tx.signInThrottle.deleteMany({ where: { key: secondFactorThrottleKey(pending.admin.email) } });
      await recordAudit(tx, { actorId: pending.adminId, actorLabel: pending.admin.email, action: "auth.sign_in", objectType: "admin", objectId: pending.adminId, ip: ctx.client.ip, details: { secondFactor: method } });
    });
  } catch (error) {
    if (error instanceof FactorUsedMeanwhile) return failAttempt(ctx, pending, method, "that code was already used; wait for the next one");
    throw error;
  }
  const session = await startSession({ ctx, input: { adminId: pending.adminId, secondFactor: method } });
  return { ...session, adminId: pending.adminId };
}
