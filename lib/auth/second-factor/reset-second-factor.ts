// The way back for an admin who lost every second factor (the CLI, run by someone with the
// server): removes their authenticator app, recovery codes and passkeys, cancels pending sign-ins
// and signs out their sessions, so the next sign-in is by password — followed by enrolment again
// where their role requires a second factor. Audited.
import "server-only";
import type { Action } from "../../action-context";
import { recordAdminAudit } from "../../audit/record-audit";
import { db } from "../../db";
import { assertOwner } from "../actor";
import { AdminNotFoundError } from "../admin-accounts";
import type { ResetSecondFactor } from "./schemas";

export async function resetSecondFactor({ ctx: { actor, now }, input: { email } }: Action<ResetSecondFactor>) {
  assertOwner(actor);
  return db().$transaction(async (tx) => {
    const admin = await tx.adminUser.findUnique({ where: { email }, select: { id: true, email: true } });
    if (!admin) throw new AdminNotFoundError(email);
    const where = { adminId: admin.id };
    const totp = (await tx.adminTotp.deleteMany({ where })).count;
    const recoveryCodes = (await tx.adminRecoveryCode.deleteMany({ where })).count;
    const passkeys = (await tx.adminPasskey.deleteMany({ where })).count;
    await tx.adminPendingSignIn.updateMany({ where: { ...where, completedAt: null }, data: { expiresAt: now } });
    const sessions = (await tx.adminSession.updateMany({ where: { ...where, revokedAt: null }, data: { revokedAt: now } })).count;
    const removed = { totp, recoveryCodes, passkeys, sessions };
    await recordAdminAudit(tx, actor, { action: "second_factor.reset", objectType: "admin", objectId: admin.id, details: { email, ...removed } });
    return { email: admin.email, ...removed };
  });
}
