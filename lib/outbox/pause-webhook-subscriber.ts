// A webhook delivery given up (refused with a 4xx, blocked by the SSRF guard, or out of attempts)
// counts against its subscriber: at `pauseAfter` failed deliveries in a row (a delivered one resets
// the count: markOutboxSent) a confirmed subscriber is paused, and in the same transaction one
// `webhook_paused` email to its address is written to the outbox. The email's key names the pause,
// so it is written once per pause however often the settle is retried.
import "server-only";
import { db } from "../db";
import { wakeMailers } from "./wake-mailer";

export type WebhookPausedPayload = { webhookUrl: string; failures: number; lastError: string };

/** Returns whether this failure paused the subscriber. */
export async function failWebhookDelivery(
  message: { id: bigint; subscriberId: string | null },
  workerId: string,
  reason: string,
  now: Date,
  options: { pauseAfter: number; messageIdDomain: string },
): Promise<boolean> {
  return db().$transaction(async (tx) => {
    const { count } = await tx.outboxMessage.updateMany({
      where: { id: message.id, leasedBy: workerId, status: "pending" },
      data: { status: "failed", leaseUntil: null, lastError: reason, updatedAt: now },
    });
    if (count === 0 || !message.subscriberId) return false;
    const [subscriber] = await tx.$queryRaw<{ id: string; email: string; webhookUrl: string; permanentFailures: number; status: string }[]>`
      UPDATE "Subscriber"
      SET "permanentFailures" = "permanentFailures" + 1,
          status = CASE WHEN "permanentFailures" + 1 >= ${options.pauseAfter} THEN 'paused'::"SubscriberStatus" ELSE status END,
          "pausedAt" = CASE WHEN "permanentFailures" + 1 >= ${options.pauseAfter} THEN ${now} ELSE "pausedAt" END,
          "updatedAt" = ${now}
      WHERE id = ${message.subscriberId} AND status = 'confirmed'
      RETURNING id, email, "webhookUrl", "permanentFailures", status::text`;
    if (subscriber?.status !== "paused") return false;
    const payload: WebhookPausedPayload = { webhookUrl: subscriber.webhookUrl, failures: subscriber.permanentFailures, lastError: reason };
    const key = `webhook-paused:${subscriber.id}:${now.getTime()}`;
    await tx.outboxMessage.create({
      data: { key, kind: "webhook_paused", recipient: subscriber.email, subscriberId: subscriber.id, payload, messageId: `<${key.replaceAll(":", ".")}@${options.messageIdDomain}>` },
    });
    await wakeMailers(tx);
    return true;
  });
}
