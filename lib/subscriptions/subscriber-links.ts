// The URLs in subscriber emails and the errors for a link that no longer works.
import "server-only";
import { VigilError } from "../errors";
import { env, publicUrl } from "../env";
import { subscriptionLinkSecret } from "./link-secret";
import { signManageToken } from "./tokens";

export class InvalidSubscriptionLinkError extends VigilError {
  constructor(message = "This link is invalid or no longer works. Subscribe again from the status page.") {
    super("invalid_link", message);
  }
}

export const confirmUrl = (token: string, base = publicUrl(env())) => `${base}/subscribe/confirm?token=${encodeURIComponent(token)}`;
export const manageUrl = (manageToken: string, base = publicUrl(env())) => `${base}/subscription/${encodeURIComponent(manageToken)}`;
export const oneClickUnsubscribeUrl = (manageToken: string, base = publicUrl(env())) =>
  `${base}/api/subscriptions/unsubscribe?token=${encodeURIComponent(manageToken)}`;

export async function manageTokenFor(subscriber: { id: string; tokenVersion: number }): Promise<string> {
  return signManageToken(await subscriptionLinkSecret(), subscriber);
}
