// The outbox's state changes, each one guarded statement. A row is claimed under a lease (leasedBy,
// leaseUntil) with FOR UPDATE SKIP LOCKED, so concurrent mailers never take the same row; every
// settle checks the lease is still ours, so a mailer that outlived its lease changes nothing. A row
// whose lease expired (its mailer crashed) is claimable again: that is the crash-recovery path.
// Two senders share the table: the mailer takes every kind but `subscriber_webhook`, the webhook
// sender (jobs/run-subscriber-webhooks.ts) only that one, so a hung webhook receiver never holds up mail.
import "server-only";
import { db } from "../db";
import { Prisma } from "../generated/prisma/client";
import type { OutboxKind } from "../generated/prisma/enums";

/** Which rows a sender takes: mail (SMTP) or subscriber webhooks (HTTP). */
export type OutboxLane = "mail" | "webhook";

const laneFilter = (lane: OutboxLane) => (lane === "mail" ? Prisma.sql`kind <> 'subscriber_webhook'` : Prisma.sql`kind = 'subscriber_webhook'`);

export type ClaimedOutboxMessage = {
  id: bigint;
  key: string;
  kind: OutboxKind;
  recipient: string;
  subscriberId: string | null;
  incidentUpdateId: string | null;
  payload: unknown;
  messageId: string;
  attempts: number;
};

export async function claimOutboxBatch(options: { workerId: string; limit: number; leaseMs: number; now: Date; lane?: OutboxLane }): Promise<ClaimedOutboxMessage[]> {
  const leaseUntil = new Date(options.now.getTime() + options.leaseMs);
  return db().$queryRaw<ClaimedOutboxMessage[]>`
    UPDATE "OutboxMessage" o
    SET "leaseUntil" = ${leaseUntil}, "leasedBy" = ${options.workerId}, attempts = o.attempts + 1, "updatedAt" = ${options.now}
    WHERE o.id IN (
      SELECT id FROM "OutboxMessage"
      WHERE status = 'pending' AND "nextAttemptAt" <= ${options.now} AND ("leaseUntil" IS NULL OR "leaseUntil" < ${options.now})
        AND ${laneFilter(options.lane ?? "mail")}
      ORDER BY "nextAttemptAt", id
      LIMIT ${options.limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING o.id, o.key, o.kind, o.recipient, o."subscriberId", o."incidentUpdateId", o.payload, o."messageId", o.attempts`;
}

/**
 * When the earliest pending message can next be claimed (held mail, a retry after backoff, a lease
 * running out); null when none waits.
 */
export async function nextOutboxDueAt(lane: OutboxLane = "mail"): Promise<Date | null> {
  const [row] = await db().$queryRaw<{ due: Date | null }[]>`
    SELECT min(GREATEST("nextAttemptAt", COALESCE("leaseUntil", "nextAttemptAt"))) AS due FROM "OutboxMessage" WHERE status = 'pending' AND ${laneFilter(lane)}`;
  return row?.due ?? null;
}

/**
 * Marks accepted messages sent (only rows still leased to this worker); returns how many. One
 * statement: quarantine (and a webhook's pause) counts consecutive permanent failures, so a
 * delivered message resets the subscriber's count in the same round trip.
 */
export async function markOutboxSent(ids: readonly bigint[], workerId: string, now: Date): Promise<number> {
  if (ids.length === 0) return 0;
  const [result] = await db().$queryRaw<{ count: number }[]>`
    WITH sent AS (
      UPDATE "OutboxMessage"
      SET status = 'sent', "sentAt" = ${now}, "leaseUntil" = NULL, "lastError" = NULL, "updatedAt" = ${now}
      WHERE id = ANY(${[...ids]}::bigint[]) AND "leasedBy" = ${workerId} AND status = 'pending'
      RETURNING "subscriberId", kind),
    reset AS (
      UPDATE "Subscriber" s SET "permanentFailures" = 0
      -- The paused notice reaches a webhook's owner by email: it says nothing about the webhook.
      FROM (SELECT DISTINCT "subscriberId" FROM sent WHERE "subscriberId" IS NOT NULL AND kind <> 'webhook_paused') delivered
      WHERE s.id = delivered."subscriberId" AND s."permanentFailures" > 0)
    SELECT count(*)::int AS count FROM sent`;
  return result?.count ?? 0;
}

/** A transient failure: release the lease and try again at `retryAt`. */
export async function retryOutboxMessageLater(id: bigint, workerId: string, reason: string, retryAt: Date, now: Date): Promise<void> {
  await db().outboxMessage.updateMany({
    where: { id, leasedBy: workerId, status: "pending" },
    data: { nextAttemptAt: retryAt, leaseUntil: null, lastError: reason, updatedAt: now },
  });
}

/**
 * Gives a message up. `countsAgainstRecipient`: a permanent SMTP failure, which adds to the
 * subscriber's count and quarantines them at `quarantineAfter` (confirmed subscribers only).
 */
export async function failOutboxMessage(
  message: { id: bigint; subscriberId: string | null },
  workerId: string,
  reason: string,
  now: Date,
  options: { countsAgainstRecipient: boolean; quarantineAfter: number },
): Promise<void> {
  await db().$transaction(async (tx) => {
    const { count } = await tx.outboxMessage.updateMany({
      where: { id: message.id, leasedBy: workerId, status: "pending" },
      data: { status: "failed", leaseUntil: null, lastError: reason, updatedAt: now },
    });
    if (count === 0 || !options.countsAgainstRecipient || !message.subscriberId) return;
    await tx.$executeRaw`
      UPDATE "Subscriber"
      SET "permanentFailures" = "permanentFailures" + 1,
          status = CASE WHEN "permanentFailures" + 1 >= ${options.quarantineAfter} AND status = 'confirmed' THEN 'quarantined'::"SubscriberStatus" ELSE status END,
          "quarantinedAt" = CASE WHEN "permanentFailures" + 1 >= ${options.quarantineAfter} AND status = 'confirmed' THEN ${now} ELSE "quarantinedAt" END,
          "updatedAt" = ${now}
      WHERE id = ${message.subscriberId}`;
  });
}
