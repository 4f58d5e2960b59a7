// The audit log is append-only: this module only ever inserts.
import "server-only";
import { isSystemActor, type SystemActor } from "../action-context";
import type { Actor } from "../auth/actor";
import type { Prisma } from "../generated/prisma/client";

export type AuditEntry = {
  actorId?: string | null;
  actorLabel: string;
  action: string;
  objectType: string;
  objectId?: string | null;
  ip?: string | null;
  details?: Prisma.InputJsonObject;
};

export async function recordAudit(tx: Prisma.TransactionClient, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({ data: { ...entry, details: entry.details ?? {} } });
}

/** An entry for what an admin (or Vigil itself) did: who and from where come from the actor. */
export async function recordAdminAudit(
  tx: Prisma.TransactionClient,
  actor: Actor | SystemActor,
  entry: Omit<AuditEntry, "actorId" | "actorLabel" | "ip">,
): Promise<void> {
  if (isSystemActor(actor)) await recordAudit(tx, { ...entry, actorId: null, actorLabel: actor.system, ip: null });
  else await recordAudit(tx, { ...entry, actorId: actor.adminId, actorLabel: actor.email, ip: actor.ip ?? null });
}
