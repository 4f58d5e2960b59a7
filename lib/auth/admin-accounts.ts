// Admin accounts: creation and password reset (used by the CLI and, later, the console).
import "server-only";
import { recordAdminAudit, recordAudit } from "../audit/record-audit";
import type { Actor } from "./actor";
import { db } from "../db";
import { VigilError } from "../errors";
import { hashPassword } from "./passwords";
import { AdminEmail, AdminPassword, CreateAdmin } from "./schemas";

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

/** `by`: an admin (console) or a label such as "cli". */
export async function createAdmin(input: CreateAdmin, by: string | Actor): Promise<AdminSummary> {
  const { email, password, role } = CreateAdmin.parse(input);
  const passwordHash = await hashPassword(password);
  return db().$transaction(async (tx) => {
    if (await tx.adminUser.findUnique({ where: { email } })) throw new AdminExistsError(email);
    const admin = await tx.adminUser.create({ data: { email, passwordHash, role }, select: { id: true, email: true, role: true } });
    const entry = { action: "admin.create", objectType: "admin", objectId: admin.id, details: { email, role } };
    await (typeof by === "string" ? recordAudit(tx, { actorLabel: by, ...entry }) : recordAdminAudit(tx, by, entry));
    return admin;
  });
}

/** Sets a new password and revokes every session of that admin. */
export async function resetAdminPassword(emailInput: string, passwordInput: string, actorLabel: string): Promise<AdminSummary> {
  const email = AdminEmail.parse(emailInput);
  const passwordHash = await hashPassword(AdminPassword.parse(passwordInput));
  return db().$transaction(async (tx) => {
    const admin = await tx.adminUser.findUnique({ where: { email }, select: { id: true, email: true, role: true } });
    if (!admin) throw new AdminNotFoundError(email);
    await tx.adminUser.update({ where: { id: admin.id }, data: { passwordHash } });
    await tx.adminSession.updateMany({ where: { adminId: admin.id, revokedAt: null }, data: { revokedAt: new Date() } });
    await recordAudit(tx, { actorLabel, action: "admin.reset_password", objectType: "admin", objectId: admin.id, details: { email } });
    return admin;
  });
}
