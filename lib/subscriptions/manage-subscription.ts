// The manage page and the one-click unsubscribe: everything a subscriber can do with the manage
// token from their emails. A token is valid while its signature checks and its version is the
// subscriber's current tokenVersion.
import "server-only";
import type { Visit } from "../action-context";
import { db } from "../db";
import type { SubscriberStatus } from "../generated/prisma/enums";
import { translator, type Translator } from "../i18n/translator";
import { subscriptionLinkSecret } from "./link-secret";
import { assertScopeExists } from "./request-subscription";
import type { ChangeSubscriptionScope, ManageSubscription } from "./schemas";
import { replaceScope, scopeLabel, type ScopeDto } from "./scope";
import { InvalidSubscriptionLinkError } from "./subscriber-links";
import { verifyManageToken } from "./tokens";

/** `webhookUrl`: "" for an email subscription; else the endpoint, and `email` gets its notices. */
export type ManagedSubscription = { email: string; webhookUrl: string; status: SubscriberStatus; scope: ScopeDto };

async function subscriberIdFor(manageToken: string): Promise<string> {
  const claim = verifyManageToken(await subscriptionLinkSecret(), manageToken);
  if (!claim) throw new InvalidSubscriptionLinkError();
  const subscriber = await db().subscriber.findUnique({ where: { id: claim.subscriberId }, select: { tokenVersion: true } });
  if (!subscriber || subscriber.tokenVersion !== claim.tokenVersion) throw new InvalidSubscriptionLinkError();
  return claim.subscriberId;
}

/** `t`: the language of the scope's label — the manage page's reader's; English for the JSON API. */
export async function readManagedSubscription(manageToken: string, t: Translator = translator("en")): Promise<ManagedSubscription> {
  const id = await subscriberIdFor(manageToken);
  const subscriber = await db().subscriber.findUniqueOrThrow({
    where: { id },
    select: {
      email: true,
      webhookUrl: true,
      status: true,
      allComponents: true,
      components: { select: { component: { select: { id: true, name: true } } } },
      groups: { select: { group: { select: { id: true, name: true } } } },
    },
  });
  const components = subscriber.components.map((c) => c.component);
  const groups = subscriber.groups.map((g) => g.group);
  return {
    email: subscriber.email,
    webhookUrl: subscriber.webhookUrl,
    status: subscriber.status,
    scope: {
      allComponents: subscriber.allComponents,
      componentIds: components.map((c) => c.id),
      groupIds: groups.map((g) => g.id),
      label: scopeLabel({ allComponents: subscriber.allComponents, components, groups }, t),
    },
  };
}

/** Only confirmed subscribers change scope; anything else answers InvalidSubscriptionLinkError's kin. */
export async function changeSubscriptionScope({ ctx: { now }, input: { manageToken, scope } }: Visit<ChangeSubscriptionScope>): Promise<ManagedSubscription> {
  const id = await subscriberIdFor(manageToken);
  await assertScopeExists(scope.componentIds, scope.groupIds);
  await db().$transaction(async (tx) => {
    const { count } = await tx.subscriber.updateMany({ where: { id, status: "confirmed" }, data: { updatedAt: now } });
    if (count === 0) throw new InvalidSubscriptionLinkError("This subscription is not active; subscribe again to choose what you receive.");
    await replaceScope(tx, id, scope);
  });
  return readManagedSubscription(manageToken);
}

/** Idempotent: unsubscribing twice is fine (RFC 8058 clients may retry). Returns whether it changed. */
export async function unsubscribe({ ctx: { now }, input: { manageToken } }: Visit<ManageSubscription>): Promise<boolean> {
  const id = await subscriberIdFor(manageToken);
  const { count } = await db().subscriber.updateMany({
    where: { id, status: { in: ["confirmed", "pending", "paused"] } },
    data: { status: "unsubscribed", unsubscribedAt: now, confirmTokenHash: null, confirmTokenExpiresAt: null, updatedAt: now },
  });
  return count > 0;
}

/** Undo from the manage page: the link proves the mailbox, so no new confirmation is needed. */
export async function resubscribe({ ctx: { now }, input: { manageToken } }: Visit<ManageSubscription>): Promise<boolean> {
  const id = await subscriberIdFor(manageToken);
  const { count } = await db().subscriber.updateMany({
    where: { id, status: "unsubscribed", confirmedAt: { not: null } },
    data: { status: "confirmed", unsubscribedAt: null, updatedAt: now },
  });
  return count > 0;
}

/**
 * A paused webhook subscriber says its endpoint works again: deliveries resume with the next event
 * (those while paused are not sent), and the failure count starts over.
 */
export async function resumeWebhookDeliveries({ ctx: { now }, input: { manageToken } }: Visit<ManageSubscription>): Promise<boolean> {
  const id = await subscriberIdFor(manageToken);
  const { count } = await db().subscriber.updateMany({
    where: { id, status: "paused" },
    data: { status: "confirmed", permanentFailures: 0, pausedAt: null, updatedAt: now },
  });
  return count > 0;
}
