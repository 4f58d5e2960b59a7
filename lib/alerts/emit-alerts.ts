// Fan-out of alert events to the team's channels, in the caller's transaction — the one that
// decided the event — so an event and its deliveries exist together or not at all. One
// AlertDelivery row per (event, channel) for the HTTP kinds, one outbox email per address for the
// email kind; both keys are unique, so the same event written twice is delivered once.
import "server-only";
import { createHash } from "node:crypto";
import type { Prisma } from "../generated/prisma/client";
import { wakeMailers } from "../outbox/wake-mailer";
import type { AlertEvent } from "./events";

/** Alert dispatchers LISTEN here; the NOTIFY is delivered when the writing transaction commits. */
export const ALERTS_CHANNEL = "vigil_alerts";

type Rule = { channels: string[]; events: string[]; componentIds: string[]; groupIds: string[] };
type Channel = { id: string; name: string; kind: string; settings: unknown };

/** The channels an event goes to: without rules every channel; with rules, those of every matching rule. */
export function channelsFor(event: Pick<AlertEvent, "kind">, scope: { componentIds: readonly string[]; groupIds: readonly string[] }, channels: readonly Channel[], rules: readonly Rule[]): Channel[] {
  if (rules.length === 0) return [...channels];
  const names = new Set<string>();
  for (const rule of rules) {
    if (rule.events.length > 0 && !rule.events.includes(event.kind)) continue;
    const scoped = rule.componentIds.length > 0 || rule.groupIds.length > 0;
    if (scoped && !scope.componentIds.some((id) => rule.componentIds.includes(id)) && !scope.groupIds.some((id) => rule.groupIds.includes(id))) continue;
    for (const name of rule.channels) names.add(name);
  }
  return channels.filter((channel) => names.has(channel.name));
}

/** The email kind: one outbox message per address (the mailer renders it as an admin notice). */
export function emailAlertRows(event: AlertEvent, channel: Channel, messageIdDomain: string): Prisma.OutboxMessageCreateManyInput[] {
  return ((channel.settings as { to?: string[] }).to ?? []).map((address) => {
    const key = `alert:${event.key}:${channel.id}:${address}`;
    return {
      key,
      kind: "admin_notice" as const,
      recipient: address,
      payload: { title: event.title, message: `${event.message}\n\n${event.url}`, alert: event.kind },
      messageId: `<alert.${createHash("sha256").update(key).digest("hex").slice(0, 32)}@${messageIdDomain}>`,
    };
  });
}

/** Writes the deliveries of `events`; returns how many rows (deliveries and emails) were new. */
export async function emitAlerts(tx: Prisma.TransactionClient, events: readonly AlertEvent[], options: { messageIdDomain: string }): Promise<number> {
  if (events.length === 0) return 0;
  const channels = await tx.alertChannel.findMany({ where: { enabled: true }, select: { id: true, name: true, kind: true, settings: true } });
  if (channels.length === 0) return 0;
  const rules = await tx.alertRule.findMany({ orderBy: { position: "asc" } });
  const componentIds = [...new Set(events.flatMap((event) => event.components.map((component) => component.id)))];
  const groupOf = new Map(
    rules.some((rule) => rule.groupIds.length > 0) && componentIds.length > 0
      ? (await tx.component.findMany({ where: { id: { in: componentIds } }, select: { id: true, groupId: true } })).map((c) => [c.id, c.groupId])
      : [],
  );

  const emails: Prisma.OutboxMessageCreateManyInput[] = [];
  let written = 0;
  let queued = false;
  for (const event of events) {
    const ids = event.components.map((component) => component.id);
    const scope = { componentIds: ids, groupIds: ids.flatMap((id) => groupOf.get(id) ?? []) };
    const httpChannels: string[] = [];
    for (const channel of channelsFor(event, scope, channels, rules)) {
      if (channel.kind === "email") emails.push(...emailAlertRows(event, channel, options.messageIdDomain));
      else httpChannels.push(channel.id);
    }
    if (httpChannels.length === 0) continue;
    // One statement per event, its payload sent once however many channels it goes to.
    written += await tx.$executeRaw`
      INSERT INTO "AlertDelivery" (key, "channelId", event, payload, "updatedAt")
      SELECT ${event.key} || '|' || channel, channel, ${event.kind}, ${JSON.stringify(event)}::jsonb, now()
      FROM unnest(${httpChannels}::text[]) AS channel
      ON CONFLICT (key) DO NOTHING`;
    queued = true;
  }
  if (queued) await tx.$executeRaw`SELECT pg_notify(${ALERTS_CHANNEL}, '')`;
  if (emails.length > 0) {
    const mailed = (await tx.outboxMessage.createMany({ data: emails, skipDuplicates: true })).count;
    if (mailed > 0) await wakeMailers(tx);
    written += mailed;
  }
  return written;
}
