// An admin changes their own password: the current one proves it is them; every other session
// of theirs ends (a stolen session does not outlive the change).
import "server-only";
import type { SessionContext } from "../action-context";
import { recordAdminAudit } from "../audit/record-audit";
import { db } from "../db";
import { VigilError } from "../errors";
import { hashPassword, verifyPassword } from "./passwords";
import type { ChangePassword } from "./schemas";

export class WrongPasswordError extends VigilError {
  constructor() {
    super("forbidden", "your current password is not correct");
  }
}

/** `ctx.sessionId`: the session the change is made from, the one that stays signed in. */
export async function changeOwnPassword({ ctx, input: { current, next } }: { ctx: SessionContext; input: ChangePassword }): Promise<void> {
  const { actor, now, sessionId: keepSessionId } = ctx;
  const admin = await db().adminUser.findUniqueOrThrow({ where: { id: actor.adminId }, select: { passwordHash: true } });
  if (!(await verifyPassword(admin.passwordHash, current))) throw new WrongPasswordError();
  const passwordHash = await hashPassword(next);
  await db().$transaction(async (tx) => {
    await tx.adminUser.update({ where: { id: actor.adminId }, data: { passwordHash } });
    const { count } = await tx.adminSession.updateMany({ where: { adminId: actor.adminId, revokedAt: null, id: { not: keepSessionId } }, data: { revokedAt: now } });
    await recordAdminAudit(tx, actor, { action: "admin.change_password", objectType: "admin", objectId: actor.adminId, details: { otherSessionsEnded: count } });
  });
}
