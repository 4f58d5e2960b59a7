// Fan-out of an incident update to subscribers: one outbox row per (update, subscriber), written in
// the transaction that writes the update. The unique key makes the fan-out idempotent; the mailer
// sends each row once, woken by the NOTIFY this sends (delivered when the transaction commits).
// A webhook subscriber's row is a `subscriber_webhook` to its URL, POSTed by the webhook sender
// (jobs/run-subscriber-webhooks.ts) instead of mailed.
import "server-only";
import { Prisma } from "../generated/prisma/client";
import { wakeMailers } from "./wake-mailer";

/** SQL: subscriber `s` hears about one of these components (its scope covers one, or the whole page). */
export function subscriberCovers(componentIds: readonly string[]): Prisma.Sql {
  const ids = [...componentIds];
  return Prisma.sql`(s."allComponents"
        OR EXISTS (SELECT 1 FROM "SubscriberComponent" sc WHERE sc."subscriberId" = s.id AND sc."componentId" = ANY(${ids}))
        OR EXISTS (SELECT 1 FROM "SubscriberGroup" sg JOIN "Component" c ON c."groupId" = sg."groupId"
                   WHERE sg."subscriberId" = s.id AND c.id = ANY(${ids})))`;
}

/**
 * Rows for every confirmed subscriber whose scope covers one of the components (or the whole page),
 * due at `sendAt` (default: at once, by the database's clock).
 */
export async function enqueueUpdateNotifications(
  tx: Prisma.TransactionClient,
  update: { id: string; componentIds: readonly string[] },
  messageIdDomain: string,
  sendAt?: Date,
): Promise<number> {
  return fanOut(tx, { updateId: update.id, componentIds: update.componentIds, name: `update:${update.id}`, payload: {}, sendAt, webhooks: true }, messageIdDomain);
}

/** What a maintenance reminder mail says beyond its window's announcement (render-outbox-batch.ts reads it). */
export type MaintenanceReminderPayload = { reminder: { minutesBefore: number; scheduledFor: string; scheduledUntil: string | null } };

/**
 * A maintenance window's reminder: its announcement (`update`) fanned out again under the reminder's
 * own key, `reminder:<window>:<minutes before>:<start>`, so each reminder reaches each subscriber once.
 */
export async function enqueueMaintenanceReminder(
  tx: Prisma.TransactionClient,
  reminder: { updateId: string; componentIds: readonly string[]; key: string; payload: MaintenanceReminderPayload },
  messageIdDomain: string,
): Promise<number> {
  return fanOut(tx, { updateId: reminder.updateId, componentIds: reminder.componentIds, name: reminder.key, payload: reminder.payload, webhooks: false }, messageIdDomain);
}

/** `webhooks`: webhook subscribers get it too (as a Statuspage-shaped POST); reminders are mail only,
 *  since a Statuspage webhook has no reminder event. */
type FanOut = { updateId: string; componentIds: readonly string[]; name: string; payload: object; sendAt?: Date; webhooks: boolean };

async function fanOut(tx: Prisma.TransactionClient, fan: FanOut, messageIdDomain: string): Promise<number> {
  // Message-IDs keep the shape they always had for updates: `<update-<id>-<subscriber>@domain>`.
  const messageIdStem = fan.name.replaceAll(":", "-");
  const written = await tx.$executeRaw`
    INSERT INTO "OutboxMessage" (key, kind, recipient, "subscriberId", "incidentUpdateId", payload, "messageId", "nextAttemptAt", "updatedAt")
    SELECT ${fan.name} || ':subscriber:' || s.id,
           CASE WHEN s."webhookUrl" = '' THEN 'incident_update' ELSE 'subscriber_webhook' END::"OutboxKind",
           CASE WHEN s."webhookUrl" = '' THEN s.email ELSE s."webhookUrl" END, s.id, ${fan.updateId}, ${JSON.stringify(fan.payload)}::jsonb,
           '<' || ${messageIdStem} || '-' || s.id || '@' || ${messageIdDomain} || '>', COALESCE(${fan.sendAt ?? null}::timestamptz, now()), now()
    FROM "Subscriber" s
    WHERE s.status = 'confirmed' AND ${subscriberCovers(fan.componentIds)}
      AND (${fan.webhooks} OR s."webhookUrl" = '')
    ON CONFLICT (key) DO NOTHING`;
  if (written > 0) await wakeMailers(tx);
  return written;
}
