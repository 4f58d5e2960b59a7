// The audit log as the console shows it: newest first, filtered by actor, action, object or time,
// paged by id (stable while new rows arrive).
import "server-only";
import { z } from "zod";
import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";

const optionalText = z
  .string()
  .trim()
  .max(200)
  .optional()
  .transform((value) => value || undefined);

export const AuditLogFilter = z.object({
  actor: optionalText,
  action: optionalText,
  objectType: optionalText,
  objectId: optionalText,
  ip: optionalText,
  from: z.coerce.date().optional().catch(undefined),
  to: z.coerce.date().optional().catch(undefined),
  /** Rows older than this id (the next page). */
  before: z.coerce.bigint().positive().optional().catch(undefined),
  limit: z.coerce.number().int().min(1).max(500).default(100).catch(100),
});
export type AuditLogFilter = z.input<typeof AuditLogFilter>;

export type AuditLogRow = {
  id: string;
  at: Date;
  actorLabel: string;
  action: string;
  objectType: string;
  objectId: string | null;
  ip: string | null;
  details: unknown;
};

export async function readAuditLog(input: AuditLogFilter): Promise<{ rows: AuditLogRow[]; nextBefore: string | null }> {
  const filter = AuditLogFilter.parse(input);
  const where: Prisma.AuditLogWhereInput = {
    ...(filter.actor ? { actorLabel: { contains: filter.actor, mode: "insensitive" } } : {}),
    ...(filter.action ? { action: { startsWith: filter.action } } : {}),
    ...(filter.objectType ? { objectType: filter.objectType } : {}),
    ...(filter.objectId ? { objectId: filter.objectId } : {}),
    ...(filter.ip ? { ip: filter.ip } : {}),
    ...(filter.from || filter.to ? { at: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lte: filter.to } : {}) } } : {}),
    ...(filter.before ? { id: { lt: filter.before } } : {}),
  };
  const rows = await db().auditLog.findMany({ where, orderBy: { id: "desc" }, take: filter.limit + 1 });
  const page = rows.slice(0, filter.limit).map((row) => ({ ...row, id: row.id.toString() }));
  return { rows: page, nextBefore: rows.length > filter.limit ? page[page.length - 1]!.id : null };
}
