// The demo mode's mailbox: what the in-process SMTP sink caught, stored in the database so any web
// instance (the admin console) can show it. Bounded to the newest CAPTURED_MAIL_LIMIT messages.
import "server-only";
import { db } from "../db";
import type { SinkMessage } from "./smtp-sink";

export type CapturedMailDto = SinkMessage & { id: string; receivedAt: Date };

export async function recordCapturedMail(message: SinkMessage, limit: number, now: Date): Promise<void> {
  const created = await db().capturedMail.create({ data: { ...message, receivedAt: now }, select: { id: true } });
  // Ids grow: everything more than `limit` below the newest goes. Cheap, and concurrent sinks agree.
  await db().capturedMail.deleteMany({ where: { id: { lte: created.id - BigInt(limit) } } });
}

/** Newest first; `recipient` filters to one address (normalised, exact). */
export async function listCapturedMails(options: { limit?: number; recipient?: string } = {}): Promise<CapturedMailDto[]> {
  const rows = await db().capturedMail.findMany({
    where: options.recipient ? { recipients: { has: options.recipient } } : {},
    orderBy: { id: "desc" },
    take: Math.min(Math.max(options.limit ?? 50, 1), 500),
  });
  return rows.map((row) => ({ ...row, id: row.id.toString() }));
}
