// The alert deliveries' state changes, each one guarded statement, as the mail outbox's: claimed
// under a lease with FOR UPDATE SKIP LOCKED (so two workers never take one row), settled only while
// the lease is still ours (a dispatcher that outlived its lease changes nothing), claimable again
// once a lease runs out (a crashed worker: at most the ones in flight are sent twice). A batch of
// claimed rows is settled in one statement: one round trip per batch, not one per delivery.
import "server-only";
import { db } from "../db";
import type { AlertChannelKind } from "../generated/prisma/enums";

export type ClaimedDelivery = {
  id: bigint;
  key: string;
  channelId: string;
  /** The event as stored (JSON text): deliveries of one event share it, so it is parsed once per batch. */
  payload: string;
  attempts: number;
  channelName: string;
  channelKind: AlertChannelKind;
  channelEnabled: boolean;
  settings: unknown;
  sealedSecrets: string;
};

/** `events`: only deliveries of these event kinds (the web process delivers its own, lib/alerts/worker-watch.ts). */
export async function claimDeliveries(options: { workerId: string; limit: number; leaseMs: number; now: Date; events?: readonly string[] }): Promise<ClaimedDelivery[]> {
  const leaseUntil = new Date(options.now.getTime() + options.leaseMs);
  const events = options.events ? [...options.events] : null;
  return db().$queryRaw<ClaimedDelivery[]>`
    WITH claimed AS (
      UPDATE "AlertDelivery" d
      SET "leaseUntil" = ${leaseUntil}, "leasedBy" = ${options.workerId}, attempts = d.attempts + 1, "updatedAt" = ${options.now}
      WHERE d.id IN (
        SELECT id FROM "AlertDelivery"
        WHERE status = 'pending' AND "nextAttemptAt" <= ${options.now} AND ("leaseUntil" IS NULL OR "leaseUntil" < ${options.now})
          AND (${events}::text[] IS NULL OR event = ANY(${events}::text[]))
        ORDER BY "nextAttemptAt", id
        LIMIT ${options.limit}
        FOR UPDATE SKIP LOCKED)
      RETURNING d.id, d.key, d."channelId", d.payload, d.attempts)
    SELECT claimed.id, claimed.key, claimed."channelId", claimed.payload::text AS payload, claimed.attempts,
      c.name AS "channelName", c.kind AS "channelKind", c.enabled AS "channelEnabled", c.settings, c."sealedSecrets"
    FROM claimed JOIN "AlertChannel" c ON c.id = claimed."channelId"`;
}

/** When the earliest pending delivery can next be claimed; null when none waits. */
export async function nextDeliveryDueAt(): Promise<Date | null> {
  const [row] = await db().$queryRaw<{ due: Date | null }[]>`
    SELECT min(GREATEST("nextAttemptAt", COALESCE("leaseUntil", "nextAttemptAt"))) AS due FROM "AlertDelivery" WHERE status = 'pending'`;
  return row?.due ?? null;
}

/**
 * What became of one claimed delivery: sent (after a 2xx); retry at `retryAt` (a transient
 * failure: the lease released, the reason kept); defer to `retryAt` (not attempted — the channel's
 * rate limit — so the claim is not counted); failed for good with its reason.
 */
export type DeliverySettlement =
  | { id: bigint; outcome: "sent"; at: Date }
  | { id: bigint; outcome: "retry"; at: Date; retryAt: Date; reason: string }
  | { id: bigint; outcome: "defer"; at: Date; retryAt: Date }
  | { id: bigint; outcome: "failed"; at: Date; reason: string };

/** Settles a batch in one statement; rows no longer leased by `workerId` (or no longer pending) are left alone. */
export async function settleDeliveries(workerId: string, settlements: readonly DeliverySettlement[]): Promise<void> {
  if (settlements.length === 0) return;
  const rows = JSON.stringify(
    settlements.map((s) => ({
      id: s.id.toString(),
      outcome: s.outcome,
      at: s.at.toISOString(),
      retryAt: "retryAt" in s ? s.retryAt.toISOString() : null,
      reason: "reason" in s ? s.reason : null,
    })),
  );
  await db().$executeRaw`
    UPDATE "AlertDelivery" d SET
      status = (CASE s.outcome WHEN 'sent' THEN 'sent' WHEN 'failed' THEN 'failed' ELSE 'pending' END)::"AlertDeliveryStatus",
      "sentAt" = CASE WHEN s.outcome = 'sent' THEN s.at ELSE d."sentAt" END,
      "nextAttemptAt" = COALESCE(s."retryAt", d."nextAttemptAt"),
      "leaseUntil" = NULL,
      "lastError" = CASE s.outcome WHEN 'sent' THEN NULL WHEN 'defer' THEN d."lastError" ELSE s.reason END,
      attempts = CASE WHEN s.outcome = 'defer' THEN d.attempts - 1 ELSE d.attempts END,
      "updatedAt" = s.at
    FROM jsonb_to_recordset(${rows}::jsonb) AS s(id bigint, outcome text, at timestamptz, "retryAt" timestamptz, reason text)
    WHERE d.id = s.id AND d."leasedBy" = ${workerId} AND d.status = 'pending'`;
}
