// What each vendor documents its webhook accepts, as zod schemas the alert tests validate received
// payloads against (limits as documented: Slack Block Kit, Discord's embed limits, Teams' Adaptive
// Card attachment, PagerDuty Events API v2, ntfy's JSON publishing) — written from the vendors'
// documentation, not from Vigil's code.
import { z } from "zod";

const plainText = z.strictObject({ type: z.literal("plain_text"), text: z.string().min(1), emoji: z.boolean().optional() });
const textObject = z.strictObject({ type: z.enum(["plain_text", "mrkdwn"]), text: z.string().min(1).max(3000), emoji: z.boolean().optional(), verbatim: z.boolean().optional() });

/** Slack incoming webhook: `text` (the notification fallback) and up to 50 blocks. */
export const SlackMessage = z.strictObject({
  text: z.string().min(1).max(40_000),
  blocks: z
    .array(
      z.discriminatedUnion("type", [
        z.strictObject({ type: z.literal("header"), text: plainText.extend({ text: z.string().min(1).max(150) }), block_id: z.string().max(255).optional() }),
        z.strictObject({ type: z.literal("section"), text: textObject.optional(), fields: z.array(textObject).max(10).optional(), block_id: z.string().max(255).optional() }),
        z.strictObject({ type: z.literal("context"), elements: z.array(textObject).min(1).max(10), block_id: z.string().max(255).optional() }),
        z.strictObject({ type: z.literal("divider"), block_id: z.string().max(255).optional() }),
      ]),
    )
    .max(50)
    .optional(),
});

const discordEmbed = z.strictObject({
  title: z.string().max(256).optional(),
  description: z.string().max(4096).optional(),
  url: z.url().optional(),
  timestamp: z.iso.datetime({ offset: true }).optional(),
  color: z.int().min(0).max(0xffffff).optional(),
  footer: z.strictObject({ text: z.string().max(2048), icon_url: z.url().optional() }).optional(),
  fields: z.array(z.strictObject({ name: z.string().min(1).max(256), value: z.string().min(1).max(1024), inline: z.boolean().optional() })).max(25).optional(),
});

/** Discord Execute Webhook: content and/or up to 10 embeds (6,000 characters in all). */
export const DiscordMessage = z
  .strictObject({
    content: z.string().max(2000).optional(),
    username: z.string().min(1).max(80).optional(),
    avatar_url: z.url().optional(),
    allowed_mentions: z.strictObject({ parse: z.array(z.enum(["roles", "users", "everyone"])) }).optional(),
    embeds: z.array(discordEmbed).max(10).optional(),
  })
  .refine((message) => Boolean(message.content) || (message.embeds?.length ?? 0) > 0, "content or embeds required")
  .refine(
    (message) => (message.embeds ?? []).reduce((sum, e) => sum + (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) + (e.fields ?? []).reduce((s, f) => s + f.name.length + f.value.length, 0), 0) <= 6000,
    "embeds exceed 6,000 characters",
  );

const adaptiveElement = z.looseObject({ type: z.enum(["TextBlock", "FactSet", "ColumnSet", "Container", "Image"]) });

/** Teams workflow webhook ("post to a channel when a webhook request is received"): a message with an Adaptive Card. */
export const TeamsMessage = z.strictObject({
  type: z.literal("message"),
  attachments: z
    .array(
      z.strictObject({
        contentType: z.literal("application/vnd.microsoft.card.adaptive"),
        contentUrl: z.string().nullable().optional(),
        content: z.looseObject({
          type: z.literal("AdaptiveCard"),
          version: z.string().regex(/^1\.[0-6]$/),
          $schema: z.string().optional(),
          body: z.array(adaptiveElement).min(1),
          actions: z.array(z.strictObject({ type: z.literal("Action.OpenUrl"), title: z.string(), url: z.url() })).optional(),
        }),
      }),
    )
    .length(1),
});

/** PagerDuty Events API v2 (POST /v2/enqueue). */
export const PagerDutyEvent = z.discriminatedUnion("event_action", [
  z.strictObject({
    routing_key: z.string().min(1),
    event_action: z.literal("trigger"),
    dedup_key: z.string().min(1).max(255).optional(),
    payload: z.strictObject({
      summary: z.string().min(1).max(1024),
      source: z.string().min(1),
      severity: z.enum(["critical", "error", "warning", "info"]),
      timestamp: z.iso.datetime({ offset: true }).optional(),
      component: z.string().optional(),
      group: z.string().optional(),
      class: z.string().optional(),
      custom_details: z.record(z.string(), z.unknown()).optional(),
    }),
    client: z.string().optional(),
    client_url: z.url().optional(),
    links: z.array(z.strictObject({ href: z.url(), text: z.string().optional() })).optional(),
    images: z.array(z.object({ src: z.url() })).optional(),
  }),
  z.strictObject({ routing_key: z.string().min(1), event_action: z.enum(["acknowledge", "resolve"]), dedup_key: z.string().min(1).max(255) }),
]);

/** ntfy "publish as JSON": POST to the server root with the topic in the body. */
export const NtfyMessage = z.strictObject({
  topic: z.string().regex(/^[-_A-Za-z0-9]{1,64}$/),
  message: z.string().optional(),
  title: z.string().optional(),
  tags: z.array(z.string()).optional(),
  priority: z.int().min(1).max(5).optional(),
  click: z.url().optional(),
  markdown: z.boolean().optional(),
});

/** Vigil's own webhook, version 1, as docs/alerts.md#webhook documents it. */
export const VigilWebhook = z.strictObject({
  version: z.literal(1),
  id: z.string().min(1),
  type: z.string(),
  test: z.boolean(),
  channel: z.string(),
  severity: z.enum(["critical", "warning", "info", "ok"]),
  title: z.string().min(1),
  message: z.string(),
  occurredAt: z.iso.datetime(),
  url: z.url(),
  components: z.array(z.strictObject({ id: z.string(), name: z.string() })),
  monitor: z.strictObject({ id: z.string(), name: z.string() }).nullable(),
  incident: z.strictObject({ id: z.string(), name: z.string(), status: z.string() }).nullable(),
});
