// Owners manage admins from the console: add one (with a password shown once), change a role,
// disable or re-enable. There is always at least one enabled owner.
import "server-only";
import { randomBytes } from "node:crypto";
import type { Action } from "../action-context";
import { recordAdminAudit } from "../audit/record-audit";
import { db } from "../db";
import { NotFoundError, VigilError } from "../errors";
import { assertOwner, type Actor } from "./actor";
import { createAdmin } from "./admin-accounts";
import type { AddAdmin, ChangeAdmin } from "./schemas";

export type AdminListItem = { id: string; email: string; role: "owner" | "editor" | "viewer"; disabled: boolean; createdAt: Date };

export class LastOwnerError extends VigilError {
  constructor() {
    super("conflict", "Vigil needs at least one enabled owner");
  }
}

export async function listAdmins(actor: Actor): Promise<AdminListItem[]> {
  assertOwner(actor);
  const admins = await db().adminUser.findMany({ orderBy: { email: "asc" }, select: { id: true, email: true, role: true, disabledAt: true, createdAt: true } });
  return admins.map(({ disabledAt, ...admin }) => ({ ...admin, disabled: disabledAt !== null }));
}

/** Adds an admin with a generated password, returned once for the owner to hand over. */
export async function addAdmin({ ctx, input: { email, role } }: Action<AddAdmin>): Promise<{ id: string; email: string; password: string }> {
  assertOwner(ctx.actor);
  const password = randomBytes(18).toString("base64url");
  const admin = await createAdmin({ ctx, input: { email, password, role } });
  return { id: admin.id, email: admin.email, password };
}

export async function changeAdmin({ ctx: { actor, now }, input: { adminId, role, disabled } }: Action<ChangeAdmin>): Promise<void> {
  assertOwner(actor);
  await db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('vigil:admin-roles'))`;
    const before = await tx.adminUser.findUnique({ where: { id: adminId } });
    if (!before) throw new NotFoundError("admin", adminId);
    await tx.adminUser.update({ where: { id: adminId }, data: { role, disabledAt: disabled ? (before.disabledAt ?? now) : null } });
    if ((await tx.adminUser.count({ where: { role: "owner", disabledAt: null } })) === 0) throw new LastOwnerError();
    // A demotion or a disable takes effect now, not at the next sign-in.
    if (disabled || role !== before.role) await tx.adminSession.updateMany({ where: { adminId, revokedAt: null }, data: { revokedAt: now } });
    await recordAdminAudit(tx, actor, {
      action: "admin.change",
      objectType: "admin",
      objectId: adminId,
      details: { email: before.email, before: { role: before.role, disabled: before.disabledAt !== null }, after: { role, disabled } },
    });
  });
}
