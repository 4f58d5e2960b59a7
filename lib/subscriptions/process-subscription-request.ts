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
// A (re)subscription takes the language the visitor read the page in (the page's own when the
// request names none); a confirmed subscriber's language, like its scope, is not a stranger's to change.
import "server-only";
import type { Prisma } from "../generated/prisma/client";
import type { Language, SubscriberStatus } from "../generated/prisma/enums";
import { DEFAULT_LANGUAGE } from "../i18n/languages";
import { translator } from "../i18n/translator";
import type { SubscriptionRequestPayload } from "./request-subscription";
import { describeScope, replaceScope } from "./scope";
import { CONFIRM_TOKEN_TTL_MS, newConfirmToken } from "./tokens";

export type SubscriptionMailPlan =
  | { mail: "confirm"; subscriberId: string; token: string; scope: string; webhookUrl: string; language: Language }
  | { mail: "already_subscribed"; subscriberId: string; tokenVersion: number; language: Language }
  | { mail: "none"; subscriberId: string; reason: string };

export async function processSubscriptionRequest(
  tx: Prisma.TransactionClient,
  request: { outboxId: bigint; email: string; payload: unknown },
  now: Date,
): Promise<SubscriptionMailPlan> {
  const payload = request.payload as Partial<SubscriptionRequestPayload>;
  const webhookUrl = payload.webhookUrl ?? "";
  await tx.subscriber.createMany({ data: { email: request.email, webhookUrl, createdAt: now }, skipDuplicates: true });
  const [subscriber] = await tx.$queryRaw<{ id: string; status: SubscriberStatus; tokenVersion: number; language: Language }[]>`
    SELECT id, status, "tokenVersion", language FROM "Subscriber" WHERE email = ${request.email} AND "webhookUrl" = ${webhookUrl} FOR UPDATE`;
  if (!subscriber) throw new Error(`subscriber ${request.email} vanished`);
  await tx.outboxMessage.update({ where: { id: request.outboxId }, data: { subscriberId: subscriber.id } });

  if (subscriber.status === "quarantined") return { mail: "none", subscriberId: subscriber.id, reason: "skipped: address is quarantined" };
  if (subscriber.status === "confirmed" || subscriber.status === "paused") return { mail: "already_subscribed", subscriberId: subscriber.id, tokenVersion: subscriber.tokenVersion, language: subscriber.language };

  // Components or groups deleted since the request are dropped, not an error.
  const [components, groups] = await Promise.all([
    tx.component.findMany({ where: { id: { in: payload.componentIds ?? [] } }, select: { id: true } }),
    tx.componentGroup.findMany({ where: { id: { in: payload.groupIds ?? [] } }, select: { id: true } }),
  ]);
  const language = payload.language ?? (await tx.page.findUnique({ where: { id: "page" }, select: { language: true } }))?.language ?? DEFAULT_LANGUAGE;
  const { token, hash } = newConfirmToken();
  await replaceScope(tx, subscriber.id, { componentIds: components.map((c) => c.id), groupIds: groups.map((g) => g.id) });
  await tx.subscriber.update({
    where: { id: subscriber.id },
    data: {
      status: "pending",
      language,
      confirmTokenHash: hash,
      confirmTokenExpiresAt: new Date(now.getTime() + CONFIRM_TOKEN_TTL_MS),
      updatedAt: now,
    },
  });
  return { mail: "confirm", subscriberId: subscriber.id, token, scope: await describeScope(tx, subscriber.id, translator(language)), webhookUrl, language };
}
