// An admin sets up an authenticator app from their account page: start (a new secret, sealed at
// rest with the installation's key, shown once with its otpauth:// URI), then confirm with a code
// from the app — only then does it count, and ten recovery codes are issued. Removing it, and
// issuing new recovery codes, are audited like every change here.
import "server-only";
import type { SessionContext } from "../../action-context";
import { alertSecretKey, openSecrets, sealSecrets } from "../../alerts/secret-box";
import { recordAdminAudit } from "../../audit/record-audit";
import { db } from "../../db";
import type { Prisma } from "../../generated/prisma/client";
import { SecondFactorConflictError, WrongCodeError } from "./errors";
import { hashRecoveryCode, newRecoveryCodes } from "./recovery-codes";
import type { ConfirmTotp } from "./schemas";
import { checkTotp, newTotpSecret, totpUri } from "./totp";

type SessionVerb<Input = undefined> = { ctx: SessionContext; input: Input };

export async function sealTotpSecret(secret: string): Promise<string> {
  return sealSecrets({ totp: secret }, await alertSecretKey());
}

export async function openTotpSecret(sealed: string): Promise<string> {
  const secret = openSecrets(sealed, await alertSecretKey()).totp;
  if (!secret) throw new Error("sealed TOTP secret without its value");
  return secret;
}

export async function startTotpEnrolment({ ctx: { actor, now } }: SessionVerb): Promise<{ secret: string; uri: string }> {
  const secret = newTotpSecret();
  const secretSealed = await sealTotpSecret(secret);
  await db().$transaction(async (tx) => {
    const existing = await tx.adminTotp.findUnique({ where: { adminId: actor.adminId }, select: { confirmedAt: true } });
    if (existing?.confirmedAt) throw new SecondFactorConflictError("you already use an authenticator app; remove it first to set up another");
    await tx.adminTotp.upsert({
      where: { adminId: actor.adminId },
      create: { adminId: actor.adminId, secretSealed, createdAt: now },
      update: { secretSealed, createdAt: now, lastUsedStep: null },
    });
    await recordAdminAudit(tx, actor, { action: "second_factor.totp_started", objectType: "admin", objectId: actor.adminId });
  });
  return { secret, uri: totpUri(secret, actor.email) };
}

/** Confirms the app with a code from it; returns the recovery codes, shown once. */
export async function confirmTotpEnrolment({ ctx: { actor, now, sessionId }, input: { code } }: SessionVerb<ConfirmTotp>): Promise<{ recoveryCodes: string[] }> {
  const pending = await db().adminTotp.findUnique({ where: { adminId: actor.adminId } });
  if (!pending || pending.confirmedAt) throw new SecondFactorConflictError("there is no authenticator app waiting to be confirmed; start again");
  const check = checkTotp(await openTotpSecret(pending.secretSealed), code, now, null);
  if (!check.ok) throw new WrongCodeError();
  return db().$transaction(async (tx) => {
    const { count } = await tx.adminTotp.updateMany({
      where: { adminId: actor.adminId, confirmedAt: null, secretSealed: pending.secretSealed },
      data: { confirmedAt: now, lastUsedStep: check.step },
    });
    if (count === 0) throw new SecondFactorConflictError("the authenticator app changed meanwhile; start again");
    // This session has just shown the factor: a role that requires one is satisfied.
    await tx.adminSession.updateMany({ where: { id: sessionId, secondFactor: null }, data: { secondFactor: "totp" } });
    const recoveryCodes = await replaceRecoveryCodes(tx, actor.adminId, now);
    await recordAdminAudit(tx, actor, { action: "second_factor.totp_enabled", objectType: "admin", objectId: actor.adminId, details: { recoveryCodes: recoveryCodes.length } });
    return { recoveryCodes };
  });
}

export async function removeTotp({ ctx: { actor } }: SessionVerb): Promise<void> {
  await db().$transaction(async (tx) => {
    const { count } = await tx.adminTotp.deleteMany({ where: { adminId: actor.adminId } });
    if (count === 0) throw new SecondFactorConflictError("you have no authenticator app set up");
    const recoveryCodesRemoved = await dropRecoveryCodesIfNoFactorLeft(tx, actor.adminId);
    await recordAdminAudit(tx, actor, { action: "second_factor.totp_removed", objectType: "admin", objectId: actor.adminId, details: { recoveryCodesRemoved } });
  });
}

/** New recovery codes (the old ones stop working); only for an admin with a second factor. */
export async function regenerateRecoveryCodes({ ctx: { actor, now } }: SessionVerb): Promise<{ recoveryCodes: string[] }> {
  return db().$transaction(async (tx) => {
    if (!(await hasSecondFactor(tx, actor.adminId))) throw new SecondFactorConflictError("set up an authenticator app or a passkey first");
    const recoveryCodes = await replaceRecoveryCodes(tx, actor.adminId, now);
    await recordAdminAudit(tx, actor, { action: "second_factor.recovery_codes_issued", objectType: "admin", objectId: actor.adminId, details: { recoveryCodes: recoveryCodes.length } });
    return { recoveryCodes };
  });
}

/** Whether the admin has a confirmed authenticator app or a passkey (recovery codes alone do not count). */
export async function hasSecondFactor(client: Prisma.TransactionClient, adminId: string): Promise<boolean> {
  const [totp, passkeys] = await Promise.all([
    client.adminTotp.count({ where: { adminId, confirmedAt: { not: null } } }),
    client.adminPasskey.count({ where: { adminId } }),
  ]);
  return totp + passkeys > 0;
}

export async function replaceRecoveryCodes(tx: Prisma.TransactionClient, adminId: string, now: Date): Promise<string[]> {
  const codes = newRecoveryCodes();
  await tx.adminRecoveryCode.deleteMany({ where: { adminId } });
  await tx.adminRecoveryCode.createMany({ data: codes.map((code) => ({ adminId, codeHash: hashRecoveryCode(code), createdAt: now })) });
  return codes;
}

/** Recovery codes stand in for a factor; with none left they would be a factor of their own. */
export async function dropRecoveryCodesIfNoFactorLeft(tx: Prisma.TransactionClient, adminId: string): Promise<number> {
  if (await hasSecondFactor(tx, adminId)) return 0;
  return (await tx.adminRecoveryCode.deleteMany({ where: { adminId } })).count;
}
