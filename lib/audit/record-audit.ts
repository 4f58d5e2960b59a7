// The audit log is append-only: this module only ever inserts.
import "server-only";
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
