// The asynchronous half of a subscription request, run by the mailer when it takes the request's
// outbox row. It decides what the address receives, by its state:
//   new, pending or unsubscribed → pending with the requested scope and a fresh confirmation token
//                                  (voiding any older one); a confirmation email;
//   confirmed                    → its scope unchanged (a stranger must not change it); an email
//                                  with its manage link;
//   quarantined                  → nothing (the address bounced);
//   paused (a webhook)           → like confirmed: the email's manage link resumes it.
// A webhook subscription is the pair (email, webhook URL): the same states, its own row.
// The token exists only in memory until it is in the email: the database keeps its hash.
import "server-only";
import type { Prisma } from "../generated/prisma/client";
import type { SubscriberStatus } from "../generated/prisma/enums";
import type { SubscriptionRequestPayload } from "./request-subscription";
import { describeScope, replaceScope } from "./scope";
import { CONFIRM_TOKEN_TTL_MS, newConfirmToken } from "./tokens";

export type SubscriptionMailPlan =
  | { mail: "confirm"; subscriberId: string; token: string; scope: string; webhookUrl: string }
  | { mail: "already_subscribed"; subscriberId: string; tokenVersion: number }
  | { mail: "none"; subscriberId: string; reason: string };

export async function processSubscriptionRequest(
  tx: Prisma.TransactionClient,
  request: { outboxId: bigint; email: string; payload: unknown },
  now: Date,
): Promise<SubscriptionMailPlan> {
  const payload = request.payload as Partial<SubscriptionRequestPayload>;
  const webhookUrl = payload.webhookUrl ?? "";
  await tx.subscriber.createMany({ data: { email: request.email, webhookUrl, createdAt: now }, skipDuplicates: true });
  const [subscriber] = await tx.$queryRaw<{ id: string; status: SubscriberStatus; tokenVersion: number }[]>`
    SELECT id, status, "tokenVersion" FROM "Subscriber" WHERE email = ${request.email} AND "webhookUrl" = ${webhookUrl} FOR UPDATE`;
  if (!subscriber) throw new Error(`subscriber ${request.email} vanished`);
  await tx.outboxMessage.update({ where: { id: request.outboxId }, data: { subscriberId: subscriber.id } });

  if (subscriber.status === "quarantined") return { mail: "none", subscriberId: subscriber.id, reason: "skipped: address is quarantined" };
  if (subscriber.status === "confirmed" || subscriber.status === "paused") return { mail: "already_subscribed", subscriberId: subscriber.id, tokenVersion: subscriber.tokenVersion };

  // Components or groups deleted since the request are dropped, not an error.
  const [components, groups] = await Promise.all([
    tx.component.findMany({ where: { id: { in: payload.componentIds ?? [] } }, select: { id: true } }),
    tx.componentGroup.findMany({ where: { id: { in: payload.groupIds ?? [] } }, select: { id: true } }),
  ]);
  const { token, hash } = newConfirmToken();
  await replaceScope(tx, subscriber.id, { componentIds: components.map((c) => c.id), groupIds: groups.map((g) => g.id) });
  await tx.subscriber.update({
    where: { id: subscriber.id },
    data: {
      status: "pending",
      confirmTokenHash: hash,
      confirmTokenExpiresAt: new Date(now.getTime() + CONFIRM_TOKEN_TTL_MS),
      updatedAt: now,
    },
  });
  return { mail: "confirm", subscriberId: subscriber.id, token, scope: await describeScope(tx, subscriber.id), webhookUrl };
}
