// POST a subscription request. Whatever the address's state (new, pending, confirmed, unsubscribed,
// quarantined), and whether the request was limited or caught by the honeypot, the answer is the
// same and the work is the same shape: the request is written to the outbox and answered; the mailer
// later decides what, if anything, that address receives (process-subscription-request.ts). So
// neither the response nor its timing tells a visitor whether an address is subscribed.
import "server-only";
import { randomUUID } from "node:crypto";
import type { Visit } from "../action-context";
import { alertTargetPolicy, destinationProblem } from "../alerts/destination";
import { db } from "../db";
import { env, publicHostname } from "../env";
import { VigilError } from "../errors";
import type { Language } from "../i18n/languages";
import { wakeMailers } from "../outbox/wake-mailer";
import { allowSubscriptionRequest } from "./rate-limits";
import { UnknownScopeError, type SubscribeRequest } from "./schemas";

export const SUBSCRIBE_ACCEPTED = {
  ok: true,
  message: "Thanks! If this address can receive updates, a confirmation email is on its way: follow its link to start your subscription.",
} as const;

/**
 * `webhookUrl`: a webhook subscription (the email gets its confirmation and failure notices).
 * `language`: what the visitor read the page in; absent, the page's own.
 */
export type SubscriptionRequestPayload = { componentIds: string[]; groupIds: string[]; webhookUrl?: string; language?: Language };

/** A webhook URL the SSRF guard refuses: said at once (it tells nothing about any subscriber). */
export class WebhookUrlRefusedError extends VigilError {
  constructor(problem: string) {
    super("invalid_input", `the webhook URL ${problem}`, { webhookUrl: [`the webhook URL ${problem}`] });
  }
}

export async function requestSubscription({ ctx: { client }, input: request }: Visit<SubscribeRequest>): Promise<typeof SUBSCRIBE_ACCEPTED> {
  await assertScopeExists(request.componentIds, request.groupIds);
  if (request.webhookUrl) {
    const problem = await destinationProblem(request.webhookUrl, await alertTargetPolicy());
    if (problem) throw new WebhookUrlRefusedError(problem);
  }
  if (request.website) return SUBSCRIBE_ACCEPTED;
  if (!(await allowSubscriptionRequest(client.ip, request.email))) return SUBSCRIBE_ACCEPTED;

  const id = randomUUID();
  const payload: SubscriptionRequestPayload = {
    componentIds: request.componentIds,
    groupIds: request.groupIds,
    ...(request.webhookUrl ? { webhookUrl: request.webhookUrl } : {}),
    ...(request.language ? { language: request.language } : {}),
  };
  await db().$transaction(async (tx) => {
    await tx.outboxMessage.create({
      data: {
        key: `subscribe:${id}`,
        kind: "subscription_confirmation",
        recipient: request.email,
        payload,
        messageId: `<subscribe.${id}@${publicHostname(env())}>`,
      },
    });
    await wakeMailers(tx);
  });
  return SUBSCRIBE_ACCEPTED;
}

/** Unknown ids are a client error (422), not an enumeration leak: they say nothing about addresses. */
export async function assertScopeExists(componentIds: readonly string[], groupIds: readonly string[]): Promise<void> {
  const [components, groups] = await Promise.all([
    componentIds.length ? db().component.findMany({ where: { id: { in: [...componentIds] } }, select: { id: true } }) : [],
    groupIds.length ? db().componentGroup.findMany({ where: { id: { in: [...groupIds] } }, select: { id: true } }) : [],
  ]);
  const missingComponents = componentIds.filter((id) => !components.some((c) => c.id === id));
  if (missingComponents.length) throw new UnknownScopeError("component", missingComponents);
  const missingGroups = groupIds.filter((id) => !groups.some((g) => g.id === id));
  if (missingGroups.length) throw new UnknownScopeError("group", missingGroups);
}
