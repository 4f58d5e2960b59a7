// Each kind's request, built from the one event shape, in the vendor's documented format:
// Slack incoming webhooks (Block Kit, with the `text` fallback notifications show), Discord
// webhooks (one embed), Teams workflow webhooks (an Adaptive Card 1.4 in a message attachment),
// PagerDuty Events API v2 (trigger/resolve sharing a dedup_key), ntfy (JSON publish to the server
// root), and Vigil's own signed webhook (docs/alerts.md has every shape). Pure.
import type { AlertEvent, AlertSeverity } from "./events";
import type { AlertChannelKind } from "./schemas";
import { signWebhook } from "./webhook-signature";

export type AlertRequest = { url: string; body: string; headers: Record<string, string> };
export type OpenChannel = { id: string; name: string; kind: Exclude<AlertChannelKind, "email">; settings: Record<string, unknown>; secrets: Record<string, string> };

export const WEBHOOK_PAYLOAD_VERSION = 1;

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);
const COLORS: Record<AlertSeverity, number> = { critical: 0xd92d20, warning: 0xf79009, info: 0x2e90fa, ok: 0x12b76a };
const LABELS: Record<AlertSeverity, string> = { critical: "Critical", warning: "Warning", info: "Info", ok: "Resolved" };
const componentsLine = (event: AlertEvent) => event.components.map((component) => component.name).join(", ");

/** Vigil's webhook body, version 1 (docs/alerts.md#webhook). */
export function webhookPayload(event: AlertEvent, channel: string) {
  return {
    version: WEBHOOK_PAYLOAD_VERSION,
    id: event.key,
    type: event.kind,
    test: event.kind === "test",
    channel,
    severity: event.severity,
    title: event.title,
    message: event.message,
    occurredAt: event.occurredAt,
    url: event.url,
    components: event.components,
    monitor: event.monitor,
    incident: event.incident,
  };
}

function escapeMrkdwn(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

export function slackPayload(event: AlertEvent) {
  const context = [`*${LABELS[event.severity]}*`, componentsLine(event), `<${event.url}|Open in Vigil>`].filter(Boolean).join(" · ");
  return {
    text: clip(`${event.title}: ${event.message}`, 3000),
    blocks: [
      { type: "header", text: { type: "plain_text", text: clip(event.title, 150), emoji: true } },
      { type: "section", text: { type: "mrkdwn", text: clip(escapeMrkdwn(event.message) || " ", 3000) } },
      { type: "context", elements: [{ type: "mrkdwn", text: clip(context, 3000) }] },
    ],
  };
}

export function discordPayload(event: AlertEvent) {
  const fields = [{ name: "Severity", value: LABELS[event.severity], inline: true }];
  if (event.components.length > 0) fields.push({ name: "Components", value: clip(componentsLine(event), 1024), inline: true });
  return {
    username: "Vigil",
    // Never ping @everyone or a role because a monitor's name happens to contain one.
    allowed_mentions: { parse: [] as string[] },
    embeds: [
      {
        title: clip(event.title, 256),
        description: clip(event.message, 4096),
        url: event.url,
        color: COLORS[event.severity],
        timestamp: event.occurredAt,
        fields,
        footer: { text: "Vigil" },
      },
    ],
  };
}

export function teamsPayload(event: AlertEvent) {
  const facts = [{ title: "Severity", value: LABELS[event.severity] }];
  if (event.components.length > 0) facts.push({ title: "Components", value: componentsLine(event) });
  facts.push({ title: "When", value: event.occurredAt });
  return {
    type: "message",
    attachments: [
      {
        contentType: "application/vnd.microsoft.card.adaptive",
        contentUrl: null,
        content: {
          $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
          type: "AdaptiveCard",
          version: "1.4",
          body: [
            { type: "TextBlock", text: event.title, weight: "Bolder", size: "Medium", wrap: true, color: event.severity === "critical" ? "Attention" : event.severity === "ok" ? "Good" : "Default" },
            { type: "TextBlock", text: event.message, wrap: true },
            { type: "FactSet", facts },
          ],
          actions: [{ type: "Action.OpenUrl", title: "Open in Vigil", url: event.url }],
        },
      },
    ],
  };
}

const PAGERDUTY_SEVERITY: Record<AlertSeverity, "critical" | "error" | "warning" | "info"> = { critical: "critical", warning: "warning", info: "info", ok: "info" };

export function pagerdutyPayload(event: AlertEvent, routingKey: string) {
  const dedupKey = clip(event.dedupKey ?? event.key, 255);
  if (event.action === "resolve") return { routing_key: routingKey, event_action: "resolve" as const, dedup_key: dedupKey };
  return {
    routing_key: routingKey,
    event_action: "trigger" as const,
    dedup_key: dedupKey,
    client: "Vigil",
    client_url: event.url,
    payload: {
      summary: clip(event.title === event.message ? event.title : `${event.title}: ${event.message}`, 1024),
      source: new URL(event.url).host,
      severity: PAGERDUTY_SEVERITY[event.severity],
      timestamp: event.occurredAt,
      ...(event.components[0] ? { component: event.components[0].name } : {}),
      class: event.kind,
      custom_details: { message: event.message, components: event.components.map((c) => c.name), monitor: event.monitor?.name ?? null, incident: event.incident?.name ?? null },
    },
    links: [{ href: event.url, text: "Open in Vigil" }],
  };
}

const NTFY_PRIORITY: Record<AlertSeverity, number> = { critical: 5, warning: 4, info: 3, ok: 3 };
const NTFY_TAGS: Record<AlertSeverity, string> = { critical: "rotating_light", warning: "warning", info: "information_source", ok: "white_check_mark" };

export function ntfyPayload(event: AlertEvent, settings: { topic: string; priority?: number; tags?: string[] }) {
  return {
    topic: settings.topic,
    title: clip(event.title, 250),
    message: clip(event.message, 4000),
    priority: settings.priority ?? NTFY_PRIORITY[event.severity],
    tags: settings.tags ?? [NTFY_TAGS[event.severity]],
    click: event.url,
  };
}

/** The HTTP request that delivers `event` through `channel`; `now` dates the webhook signature. */
export function buildAlertRequest(channel: OpenChannel, event: AlertEvent, now: Date, userAgent: string): AlertRequest {
  const json = (url: string, payload: unknown, headers: Record<string, string> = {}): AlertRequest => ({
    url,
    body: JSON.stringify(payload),
    headers: { "content-type": "application/json", "user-agent": userAgent, ...headers },
  });
  switch (channel.kind) {
    case "webhook": {
      const request = json(channel.secrets.url!, webhookPayload(event, channel.name), { "x-vigil-event": event.kind, "x-vigil-delivery": event.key });
      request.headers["x-vigil-signature"] = signWebhook(request.body, channel.secrets.secret!, now);
      return request;
    }
    case "slack":
      return json(channel.secrets.url!, slackPayload(event));
    case "discord":
      return json(channel.secrets.url!, discordPayload(event));
    case "teams":
      return json(channel.secrets.url!, teamsPayload(event));
    case "pagerduty":
      return json(String(channel.settings.url), pagerdutyPayload(event, channel.secrets.routingKey!));
    case "ntfy": {
      const settings = channel.settings as { url: string; topic: string; priority?: number; tags?: string[] };
      return json(settings.url, ntfyPayload(event, settings), channel.secrets.token ? { authorization: `Bearer ${channel.secrets.token}` } : {});
    }
  }
}
