// An admin changes their own password: the current one proves it is them; every other session
// of theirs ends (a stolen session does not outlive the change).
import "server-only";
import { z } from "zod";
import { recordAdminAudit } from "../audit/record-audit";
import { db } from "../db";
import { VigilError } from "../errors";
import type { Actor } from "./actor";
import { hashPassword, verifyPassword } from "./passwords";
import { AdminPassword } from "./schemas";

export const ChangePassword = z
  .object({ current: z.string().min(1, "enter your current password").max(256), next: AdminPassword })
  .refine((value) => value.current !== value.next, { error: "choose a password you have not used here", path: ["next"] });
export type ChangePassword = z.input<typeof ChangePassword>;

export class WrongPasswordError extends VigilError {
  constructor() {
    super("forbidden", "your current password is not correct");
  }
}

export async function changeOwnPassword(input: ChangePassword, actor: Actor, keepSessionId: string, now: Date = new Date()): Promise<void> {
  const { current, next } = ChangePassword.parse(input);
  const admin = await db().adminUser.findUniqueOrThrow({ where: { id: actor.adminId }, select: { passwordHash: true } });
  if (!(await verifyPassword(admin.passwordHash, current))) throw new WrongPasswordError();
  const passwordHash = await hashPassword(next);
  await db().$transaction(async (tx) => {
    await tx.adminUser.update({ where: { id: actor.adminId }, data: { passwordHash } });
    const { count } = await tx.adminSession.updateMany({ where: { adminId: actor.adminId, revokedAt: null, id: { not: keepSessionId } }, data: { revokedAt: now } });
    await recordAdminAudit(tx, actor, { action: "admin.change_password", objectType: "admin", objectId: actor.adminId, details: { otherSessionsEnded: count } });
  });
}
