// The alert deliveries' state changes, each one guarded statement, as the mail outbox's: claimed
// under a lease with FOR UPDATE SKIP LOCKED (so two workers never take one row), settled only while
// the lease is still ours (a dispatcher that outlived its lease changes nothing), claimable again
// once a lease runs out (a crashed worker: at most the one in flight is sent twice).
import "server-only";
import { db } from "../db";
import type { AlertChannelKind } from "../generated/prisma/enums";

export type ClaimedDelivery = {
  id: bigint;
  key: string;
  channelId: string;
  payload: unknown;
  attempts: number;
  channelName: string;
  channelKind: AlertChannelKind;
  channelEnabled: boolean;
  settings: unknown;
  sealedSecrets: string;
};

export async function claimDeliveries(options: { workerId: string; limit: number; leaseMs: number; now: Date }): Promise<ClaimedDelivery[]> {
  const leaseUntil = new Date(options.now.getTime() + options.leaseMs);
  return db().$queryRaw<ClaimedDelivery[]>`
    WITH claimed AS (
      UPDATE "AlertDelivery" d
      SET "leaseUntil" = ${leaseUntil}, "leasedBy" = ${options.workerId}, attempts = d.attempts + 1, "updatedAt" = ${options.now}
      WHERE d.id IN (
        SELECT id FROM "AlertDelivery"
        WHERE status = 'pending' AND "nextAttemptAt" <= ${options.now} AND ("leaseUntil" IS NULL OR "leaseUntil" < ${options.now})
        ORDER BY "nextAttemptAt", id
        LIMIT ${options.limit}
        FOR UPDATE SKIP LOCKED)
      RETURNING d.id, d.key, d."channelId", d.payload, d.attempts)
    SELECT claimed.*, c.name AS "channelName", c.kind AS "channelKind", c.enabled AS "channelEnabled", c.settings, c."sealedSecrets"
    FROM claimed JOIN "AlertChannel" c ON c.id = claimed."channelId"`;
}

/** When the earliest pending delivery can next be claimed; null when none waits. */
export async function nextDeliveryDueAt(): Promise<Date | null> {
  const [row] = await db().$queryRaw<{ due: Date | null }[]>`
    SELECT min(GREATEST("nextAttemptAt", COALESCE("leaseUntil", "nextAttemptAt"))) AS due FROM "AlertDelivery" WHERE status = 'pending'`;
  return row?.due ?? null;
}

const ours = (id: bigint, workerId: string) => ({ id, leasedBy: workerId, status: "pending" as const });

export async function markDeliverySent(id: bigint, workerId: string, now: Date): Promise<void> {
  await db().alertDelivery.updateMany({ where: ours(id, workerId), data: { status: "sent", sentAt: now, leaseUntil: null, lastError: null, updatedAt: now } });
}

/** A transient failure: release the lease and try again at `retryAt`. */
export async function retryDeliveryLater(id: bigint, workerId: string, reason: string, retryAt: Date, now: Date): Promise<void> {
  await db().alertDelivery.updateMany({ where: ours(id, workerId), data: { nextAttemptAt: retryAt, leaseUntil: null, lastError: reason, updatedAt: now } });
}

/** Not attempted (the channel's rate limit): back in the queue at `at`, the claim not counted. */
export async function deferDelivery(id: bigint, workerId: string, at: Date, now: Date): Promise<void> {
  await db().alertDelivery.updateMany({ where: ours(id, workerId), data: { nextAttemptAt: at, leaseUntil: null, attempts: { decrement: 1 }, updatedAt: now } });
}

export async function failDelivery(id: bigint, workerId: string, reason: string, now: Date): Promise<void> {
  await db().alertDelivery.updateMany({ where: ours(id, workerId), data: { status: "failed", leaseUntil: null, lastError: reason, updatedAt: now } });
}
