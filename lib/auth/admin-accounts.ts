// Admin accounts: creation (the CLI, and owners in the console), password reset and clearing a
// sign-in throttle (the CLI).
import "server-only";
import type { Action } from "../action-context";
import { recordAdminAudit } from "../audit/record-audit";
import { assertOwner } from "./actor";
import { db } from "../db";
import { VigilError } from "../errors";
import { hashPassword } from "./passwords";
import type { ClearSignInThrottle, CreateAdmin, ResetAdminPassword } from "./schemas";
import { clearAccountThrottle } from "./sign-in-throttle";

export type AdminSummary = { id: string; email: string; role: "owner" | "editor" | "viewer" };

export class AdminExistsError extends VigilError {
  constructor(email: string) {
    super("admin_exists", `an admin with email ${email} already exists`);
  }
}

export class AdminNotFoundError extends VigilError {
  constructor(email: string) {
    super("admin_not_found", `no admin with email ${email}`);
  }
}

export function countAdmins(): Promise<number> {
  return db().adminUser.count({ where: { disabledAt: null } });
}

export async function createAdmin({ ctx: { actor }, input: { email, password, role } }: Action<CreateAdmin>): Promise<AdminSummary> {
  assertOwner(actor);
  const passwordHash = await hashPassword(password);
  return db().$transaction(async (tx) => {
    if (await tx.adminUser.findUnique({ where: { email } })) throw new AdminExistsError(email);
    const admin = await tx.adminUser.create({ data: { email, passwordHash, role }, select: { id: true, email: true, role: true } });
    await recordAdminAudit(tx, actor, { action: "admin.create", objectType: "admin", objectId: admin.id, details: { email, role } });
    return admin;
  });
}

/** Sets a new password and revokes every session of that admin. */
export async function resetAdminPassword({ ctx: { actor, now }, input: { email, password } }: Action<ResetAdminPassword>): Promise<AdminSummary> {
  assertOwner(actor);
  const passwordHash = await hashPassword(password);
  return db().$transaction(async (tx) => {
    const admin = await tx.adminUser.findUnique({ where: { email }, select: { id: true, email: true, role: true } });
    if (!admin) throw new AdminNotFoundError(email);
    await tx.adminUser.update({ where: { id: admin.id }, data: { passwordHash } });
    await tx.adminSession.updateMany({ where: { adminId: admin.id, revokedAt: null }, data: { revokedAt: now } });
    await recordAdminAudit(tx, actor, { action: "admin.reset_password", objectType: "admin", objectId: admin.id, details: { email } });
    return admin;
  });
}

/**
 * Forgets the failed sign-ins counted against an account (from every address) and against the
 * given addresses, so the owner can sign in at once during an attack. Audited.
 */
export async function clearSignInThrottle({ ctx: { actor }, input: { email, ips } }: Action<ClearSignInThrottle>): Promise<{ cleared: number }> {
  assertOwner(actor);
  return db().$transaction(async (tx) => {
    const cleared = await clearAccountThrottle(tx, email, ips);
    await recordAdminAudit(tx, actor, { action: "auth.throttle_cleared", objectType: "admin", objectId: null, details: { email, ips, cleared } });
    return { cleared };
  });
}
