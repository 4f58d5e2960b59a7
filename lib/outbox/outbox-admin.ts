// The outbox for the admin console: delivery counts per incident update, failures with their
// reasons, and retrying failed messages (audited; the mailer is woken at once).
import "server-only";
import type { Action } from "../action-context";
import { assertCanEdit } from "../auth/actor";
import { recordAdminAudit } from "../audit/record-audit";
import { db } from "../db";
import type { OutboxKind } from "../generated/prisma/enums";
import type { RetryOutboxMessage, RetryOutboxMessages } from "./schemas";
import { wakeMailers } from "./wake-mailer";

export type UpdateDeliveryCounts = { incidentUpdateId: string; incidentId: string; incidentName: string; pending: number; sent: number; failed: number };

/** Counts for the newest incident updates that notified anyone (or one update, when given). */
export async function outboxCountsByUpdate(options: { incidentUpdateId?: string; limit?: number } = {}): Promise<UpdateDeliveryCounts[]> {
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 500);
  const rows = await db().$queryRaw<UpdateDeliveryCounts[]>`
    SELECT u.id AS "incidentUpdateId", i.id AS "incidentId", i.name AS "incidentName",
           count(*) FILTER (WHERE o.status = 'pending')::int AS pending,
           count(*) FILTER (WHERE o.status = 'sent')::int AS sent,
           count(*) FILTER (WHERE o.status = 'failed')::int AS failed
    FROM "OutboxMessage" o
    JOIN "IncidentUpdate" u ON u.id = o."incidentUpdateId"
    JOIN "Incident" i ON i.id = u."incidentId"
    WHERE (${options.incidentUpdateId ?? null}::text IS NULL OR u.id = ${options.incidentUpdateId ?? null})
    GROUP BY u.id, i.id, i.name
    ORDER BY max(u."createdAt") DESC
    LIMIT ${limit}`;
  return rows;
}

export type OutboxFailure = { id: string; kind: OutboxKind; recipient: string; incidentUpdateId: string | null; attempts: number; lastError: string | null; updatedAt: Date };

/** Failed messages, newest first. Rows skipped on purpose (unsubscribed, removed) say so in lastError. */
export async function listOutboxFailures(options: { incidentUpdateId?: string; limit?: number } = {}): Promise<OutboxFailure[]> {
  const rows = await db().outboxMessage.findMany({
    where: { status: "failed", ...(options.incidentUpdateId ? { incidentUpdateId: options.incidentUpdateId } : {}) },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    take: Math.min(Math.max(options.limit ?? 50, 1), 500),
    select: { id: true, kind: true, recipient: true, incidentUpdateId: true, attempts: true, lastError: true, updatedAt: true },
  });
  return rows.map((row) => ({ ...row, id: row.id.toString() }));
}

/** The dashboard's "failing outbox" panel: how many messages failed, and the newest few. */
export async function outboxFailureSummary(newest = 5): Promise<{ count: number; newest: OutboxFailure[] }> {
  const [count, rows] = await Promise.all([db().outboxMessage.count({ where: { status: "failed" } }), listOutboxFailures({ limit: newest })]);
  return { count, newest: rows };
}

/** Puts failed messages back in the queue with fresh attempts. Returns how many. */
export async function retryOutboxMessages({ ctx: { actor, now }, input: target }: Action<RetryOutboxMessages>): Promise<number> {
  assertCanEdit(actor);
  return db().$transaction(async (tx) => {
    const { count } = await tx.outboxMessage.updateMany({
      where: { status: "failed", ...("ids" in target ? { id: { in: target.ids.map(BigInt) } } : { incidentUpdateId: target.incidentUpdateId }) },
      data: { status: "pending", attempts: 0, nextAttemptAt: now, leaseUntil: null, leasedBy: null, lastError: null, updatedAt: now },
    });
    await recordAdminAudit(tx, actor, { action: "outbox.retry", objectType: "outbox", objectId: "incidentUpdateId" in target ? target.incidentUpdateId : null, details: { count, ...("ids" in target ? { ids: target.ids } : {}) } });
    if (count > 0) await wakeMailers(tx);
    return count;
  });
}

/** One message: the console's retry button. */
export async function retryOutboxMessage({ ctx, input: { id } }: Action<RetryOutboxMessage>): Promise<boolean> {
  return (await retryOutboxMessages({ ctx, input: { ids: [id] } })) === 1;
}
