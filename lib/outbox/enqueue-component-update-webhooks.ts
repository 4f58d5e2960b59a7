// Fan-out of a component's status change to webhook subscribers (Statuspage's `component_update`
// event; email subscribers hear of incidents only): one `subscriber_webhook` outbox row per
// (status change, subscriber), written in the transaction that records the change, so a change
// that rolls back sends nothing and a retried fan-out sends nothing twice.
import "server-only";
import type { Prisma } from "../generated/prisma/client";
import type { ComponentStatus } from "../generated/prisma/enums";
import { subscriberCovers } from "./enqueue-update-notifications";
import { wakeMailers } from "./wake-mailer";

/** What a component_update delivery says; kept in the row's payload (the history row has no old status). */
export type ComponentUpdatePayload = {
  componentUpdate: { id: string; componentId: string; oldStatus: ComponentStatus; newStatus: ComponentStatus; createdAt: string };
};

export async function enqueueComponentUpdateWebhooks(
  tx: Prisma.TransactionClient,
  change: { id: bigint; componentId: string; from: ComponentStatus; to: ComponentStatus; at: Date },
): Promise<number> {
  const id = change.id.toString();
  const payload: ComponentUpdatePayload = {
    componentUpdate: { id, componentId: change.componentId, oldStatus: change.from, newStatus: change.to, createdAt: change.at.toISOString() },
  };
  const written = await tx.$executeRaw`
    INSERT INTO "OutboxMessage" (key, kind, recipient, "subscriberId", payload, "messageId", "updatedAt")
    SELECT 'component-update:' || ${id} || ':subscriber:' || s.id, 'subscriber_webhook', s."webhookUrl", s.id, ${JSON.stringify(payload)}::jsonb,
           '<component-update-' || ${id} || '-' || s.id || '>', now()
    FROM "Subscriber" s
    WHERE s.status = 'confirmed' AND s."webhookUrl" <> '' AND ${subscriberCovers([change.componentId])}
    ON CONFLICT (key) DO NOTHING`;
  if (written > 0) await wakeMailers(tx);
  return written;
}
