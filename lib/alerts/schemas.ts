// Alert channels and rules as the config file (and the console) give them. Secret fields accept a
// literal or a `${ENV_NAME}` reference; the parsed channel keeps the two apart so the secret itself
// never reaches an export (docs/alerts.md#secrets).
import { z } from "zod";
import { ALERT_EVENT_KINDS, AlertEventKind } from "./events";

export const ALERT_CHANNEL_KINDS = ["email", "webhook", "slack", "discord", "teams", "pagerduty", "ntfy"] as const;

export const ChannelName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, "must be 1-64 letters, digits, dots, dashes or underscores, starting with a letter or digit");

const ENV_REFERENCE = /^\$\{([A-Za-z_][A-Za-z0-9_]{0,127})\}$/;

/** "${NAME}" → NAME, else null. */
export function envReferenceName(value: string): string | null {
  return ENV_REFERENCE.exec(value.trim())?.[1] ?? null;
}

/** A secret: a literal (1-2048 characters) or a `${ENV_NAME}` reference, resolved when applied. */
const secret = z.string().trim().min(1, "must not be empty").max(2048);

/**
 * An http(s) URL without credentials. Where it may point (private networks) is judged by the SSRF
 * guard when applied and at every connection; here only its form. A `${ENV}` reference is checked
 * once resolved.
 */
const destinationUrl = secret.refine((value) => envReferenceName(value) !== null || isHttpUrl(value), "must be an http:// or https:// URL (or a ${ENV_NAME} reference)");

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && !url.username && !url.password;
  } catch {
    return false;
  }
}

const publicUrl = z.url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" });
const base = { name: ChannelName, enabled: z.boolean().default(true) };

export const ConfigAlertChannel = z.discriminatedUnion(
  "kind",
  [
    z.strictObject({ ...base, kind: z.literal("email"), to: z.array(z.email({ error: "must be an email address" })).min(1).max(50) }),
    z.strictObject({ ...base, kind: z.literal("webhook"), url: destinationUrl, secret: secret.refine((v) => envReferenceName(v) !== null || v.length >= 16, "must be at least 16 characters (or a ${ENV_NAME} reference)") }),
    z.strictObject({ ...base, kind: z.literal("slack"), url: destinationUrl }),
    z.strictObject({ ...base, kind: z.literal("discord"), url: destinationUrl }),
    z.strictObject({ ...base, kind: z.literal("teams"), url: destinationUrl }),
    z.strictObject({ ...base, kind: z.literal("pagerduty"), routingKey: secret, url: publicUrl.default("https://events.pagerduty.com/v2/enqueue") }),
    z.strictObject({
      ...base,
      kind: z.literal("ntfy"),
      url: publicUrl.default("https://ntfy.sh"),
      topic: z.string().regex(/^[-_A-Za-z0-9]{1,64}$/, "must be 1-64 letters, digits, dashes or underscores"),
      /** Access token of a protected topic (sent as a Bearer token). */
      token: secret.optional(),
      /** 1 (min) to 5 (max); absent: from the event's severity. */
      priority: z.int().min(1).max(5).optional(),
      tags: z.array(z.string().regex(/^[\w+-]{1,64}$/, "must be an ntfy tag or emoji short code")).max(10).optional(),
    }),
  ],
  { error: `kind must be one of ${ALERT_CHANNEL_KINDS.join(", ")}` },
);
export type ConfigAlertChannel = z.infer<typeof ConfigAlertChannel>;
export type AlertChannelKind = ConfigAlertChannel["kind"];

/** The fields of each kind that are secrets: sealed in the database, never exported or shown. */
export const SECRET_FIELDS: Record<AlertChannelKind, readonly string[]> = {
  email: [],
  webhook: ["url", "secret"],
  slack: ["url"],
  discord: ["url"],
  teams: ["url"],
  pagerduty: ["routingKey"],
  ntfy: ["token"],
};

const configId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, "must be a component or group id");

export const ConfigAlertRule = z.strictObject({
  channels: z.array(ChannelName).min(1),
  /** Absent: every event kind. */
  events: z.array(AlertEventKind).min(1).optional(),
  /** Absent (with groups): events of every component, and events of none (certificates, workers, mail). */
  components: z.array(configId).min(1).optional(),
  groups: z.array(configId).min(1).optional(),
});
export type ConfigAlertRule = z.infer<typeof ConfigAlertRule>;

export const ConfigAlerts = z
  .strictObject({
    channels: z.array(ConfigAlertChannel).default([]),
    rules: z.array(ConfigAlertRule).default([]),
  })
  .superRefine((alerts, context) => {
    const names = new Map<string, number>();
    alerts.channels.forEach((channel, index) => {
      const first = names.get(channel.name);
      if (first !== undefined) context.addIssue({ code: "custom", message: `duplicate channel name "${channel.name}" (first at channels.${first})`, path: ["channels", index, "name"] });
      else names.set(channel.name, index);
    });
    alerts.rules.forEach((rule, r) =>
      rule.channels.forEach((name, c) => {
        if (!names.has(name)) context.addIssue({ code: "custom", message: `no channel named "${name}" in alerts.channels`, path: ["rules", r, "channels", c] });
      }),
    );
  });
export type ConfigAlerts = z.infer<typeof ConfigAlerts>;

/** Input of "send a test alert" (console and CLI). */
export const SendTestAlert = z.object({ name: ChannelName });
export type SendTestAlert = z.infer<typeof SendTestAlert>;

const optionalText = z.string().trim().max(2048).optional();

/**
 * A channel from the console: one form for every kind (fields of other kinds are ignored). On an
 * edit, a secret field left empty keeps the stored secret — the console never shows it again.
 */
export const SaveAlertChannel = z.object({
  id: z.string().min(1).max(64).optional(),
  name: ChannelName,
  kind: z.enum(ALERT_CHANNEL_KINDS, { error: `kind must be one of ${ALERT_CHANNEL_KINDS.join(", ")}` }),
  enabled: z.boolean().default(true),
  url: optionalText,
  secret: optionalText,
  routingKey: optionalText,
  token: optionalText,
  topic: optionalText,
  priority: z.coerce.number().int().min(1).max(5).optional(),
  tags: z.array(z.string().trim().min(1)).max(10).optional(),
  to: z.array(z.string().trim().min(1)).max(50).optional(),
});
export type SaveAlertChannel = z.infer<typeof SaveAlertChannel>;

export const DeleteAlertChannel = z.object({ id: z.string().min(1).max(64) });
export type DeleteAlertChannel = z.infer<typeof DeleteAlertChannel>;

/**
 * A rule from the console (docs/alerts.md#rules): which channels hear which events, for which
 * components and groups. Empty events: every kind; no components and no groups: every event.
 */
export const SaveAlertRule = z.object({
  id: z.string().min(1).max(64).optional(),
  channels: z.array(ChannelName).min(1, "choose at least one channel").max(50),
  events: z.array(AlertEventKind).max(ALERT_EVENT_KINDS.length).default([]),
  componentIds: z.array(configId).max(500).default([]),
  groupIds: z.array(configId).max(500).default([]),
});
export type SaveAlertRule = z.infer<typeof SaveAlertRule>;

export const DeleteAlertRule = z.object({ id: z.string().min(1).max(64) });
export type DeleteAlertRule = z.infer<typeof DeleteAlertRule>;
