// Following the confirmation link. One guarded statement: the token's hash must match a pending
// subscriber and be unexpired; confirming clears it, so a token works once, and a re-request (which
// stored a new hash) has already voided the older one.
import "server-only";
import type { Visit } from "../action-context";
import { db } from "../db";
import type { ConfirmSubscription } from "./schemas";
import { InvalidSubscriptionLinkError, manageTokenFor } from "./subscriber-links";
import { CONFIRM_TOKEN_PATTERN, hashToken } from "./tokens";

export async function confirmSubscription({ ctx: { now }, input: { token } }: Visit<ConfirmSubscription>): Promise<{ manageToken: string }> {
  if (!CONFIRM_TOKEN_PATTERN.test(token)) throw new InvalidSubscriptionLinkError();
  const [confirmed] = await db().$queryRaw<{ id: string; tokenVersion: number }[]>`
    UPDATE "Subscriber"
    SET status = 'confirmed', "confirmedAt" = ${now}, "confirmTokenHash" = NULL, "confirmTokenExpiresAt" = NULL,
        "unsubscribedAt" = NULL, "permanentFailures" = 0, "updatedAt" = ${now}
    WHERE "confirmTokenHash" = ${hashToken(token)} AND "confirmTokenExpiresAt" > ${now} AND status = 'pending'
    RETURNING id, "tokenVersion"`;
  if (!confirmed) throw new InvalidSubscriptionLinkError("This confirmation link is invalid, already used or expired. Subscribe again to get a new one.");
  return { manageToken: await manageTokenFor(confirmed) };
}
