// Input of the subscription verbs: the public ones (the form's server action and the JSON API share
// them) and the console's (remove, release from quarantine).
import { z } from "zod";
import { VigilError } from "../errors";
import { Language } from "../i18n/languages";
import { SubscriberEmail } from "./email-address";

const ids = (what: string) =>
  z
    .array(z.string().min(1, `${what} ids must not be empty`).max(64, `${what} ids are at most 64 characters`), { error: `${what}s must be a list of ids` })
    .max(200, `at most 200 ${what}s`)
    .default([])
    .transform((list) => [...new Set(list)]);

/** Components and groups a subscriber hears about; both empty means the whole page. */
export const SubscriptionScope = z.object({
  componentIds: ids("component"),
  groupIds: ids("group"),
});
export type SubscriptionScope = z.output<typeof SubscriptionScope>;

/**
 * A webhook subscriber's endpoint: http(s), no credentials in it. Where it points (private networks,
 * this machine) is judged by the SSRF guard when requested and again at every delivery.
 */
export const SubscriberWebhookUrl = z
  .string({ error: "the webhook URL must be text" })
  .trim()
  .max(2000, "the webhook URL is at most 2000 characters")
  .pipe(z.url({ protocol: /^https?$/, error: "the webhook URL must be an http:// or https:// URL" }))
  .refine((value) => {
    const url = new URL(value);
    return url.username === "" && url.password === "";
  }, "the webhook URL must not contain a user name or password");

export const SubscribeRequest = SubscriptionScope.extend({
  /** The address that receives the confirmation (and, for a webhook, its failure notices). */
  email: SubscriberEmail,
  /** Set: a webhook subscription to this endpoint (docs/subscriber-webhooks.md); absent: email. */
  webhookUrl: SubscriberWebhookUrl.optional(),
  /** Honeypot: invisible to people, filled in by naive bots. A non-empty value sends nothing. */
  website: z.string().max(2000).optional(),
  /** The language the subscriber's emails are written in (en, de, es); absent: the page's own. */
  language: z.string().pipe(Language).optional(),
});
export type SubscribeRequest = z.output<typeof SubscribeRequest>;

/**
 * A token from a link, as it arrived: the verb checks it, and any token that does not check is the
 * same "invalid link" to the visitor, whatever its shape.
 */
const LinkToken = z.string({ error: "the link's token is missing" }).max(1000, "this link is invalid");

export const ConfirmSubscription = z.object({ token: LinkToken });
export type ConfirmSubscription = z.output<typeof ConfirmSubscription>;

export const ManageSubscription = z.object({ manageToken: LinkToken });
export type ManageSubscription = z.output<typeof ManageSubscription>;

export const ChangeSubscriptionScope = ManageSubscription.extend({ scope: SubscriptionScope });
export type ChangeSubscriptionScope = z.output<typeof ChangeSubscriptionScope>;

/** Checkbox values "component:<id>" and "group:<id>" → the scope lists (none ticked: whole page). */
export function scopeFromForm(form: FormData): z.input<typeof SubscriptionScope> {
  const values = form.getAll("scope").map(String);
  const pick = (prefix: string) => values.filter((v) => v.startsWith(prefix)).map((v) => v.slice(prefix.length));
  return { componentIds: pick("component:"), groupIds: pick("group:") };
}

/** A posted subscribe form (the /subscribe page's, or the plain one on the home page), to be parsed. */
export function subscribeRequestFromForm(form: FormData): z.input<typeof SubscribeRequest> {
  const webhookUrl = form.get("webhookUrl");
  const language = form.get("language");
  return {
    email: String(form.get("email") ?? ""),
    website: String(form.get("website") ?? ""),
    ...(language === null ? {} : { language: String(language) }),
    ...(webhookUrl === null ? {} : { webhookUrl: String(webhookUrl) }),
    ...scopeFromForm(form),
  };
}

export class UnknownScopeError extends VigilError {
  constructor(kind: "component" | "group", ids: string[]) {
    super("unknown_scope", `no ${kind} with id ${ids.join(", ")}`);
  }
}

export const RemoveSubscriber = z.object({ id: z.string().min(1) });
export type RemoveSubscriber = z.infer<typeof RemoveSubscriber>;

export const ReleaseSubscriber = z.object({ id: z.string().min(1) });
export type ReleaseSubscriber = z.infer<typeof ReleaseSubscriber>;
