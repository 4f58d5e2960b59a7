// The events Vigil tells the team about, and the one shape every channel renders them from. An
// event's `key` names the happening itself (a monitor's transition at a moment, an incident's
// opening), so writing it twice — two workers, a retried transaction — still delivers it once per
// channel (AlertDelivery.key = event key + channel).
import { z } from "zod";

export const ALERT_EVENT_KINDS = [
  "monitor.down",
  "monitor.degraded",
  "monitor.recovered",
  "incident.opened",
  "incident.escalated",
  "incident.resolved",
  "certificate.threshold",
  "incident.stale",
  "mail.failing",
  "worker.silent",
  "worker.missing",
  "worker.recovered",
] as const;
export const AlertEventKind = z.enum(ALERT_EVENT_KINDS, { error: `must be one of ${ALERT_EVENT_KINDS.join(", ")}` });
export type AlertEventKind = z.infer<typeof AlertEventKind>;

/** "critical" pages someone, "ok" says a problem is over. */
export const AlertSeverity = z.enum(["critical", "warning", "info", "ok"]);
export type AlertSeverity = z.infer<typeof AlertSeverity>;

const named = z.object({ id: z.string(), name: z.string() });

/** Stored as AlertDelivery.payload; the webhook kind sends it as `event` (docs/alerts.md#webhook). */
export const AlertEvent = z.object({
  key: z.string().min(1).max(400),
  kind: z.union([AlertEventKind, z.literal("test")]),
  severity: AlertSeverity,
  title: z.string().min(1).max(300),
  message: z.string().max(4000),
  occurredAt: z.iso.datetime(),
  /** Where an admin acts on it (the console page of the monitor or incident). */
  url: z.string(),
  components: z.array(named),
  monitor: named.nullable(),
  incident: named.extend({ status: z.string() }).nullable(),
  /**
   * What a trigger and its resolution share (PagerDuty's dedup_key): per incident, per monitor, per
   * certificate and threshold. Null: the event stands alone.
   */
  dedupKey: z.string().max(255).nullable(),
  /** The event opens (trigger) or closes (resolve) the problem named by dedupKey; null: neither. */
  action: z.enum(["trigger", "resolve"]).nullable(),
});
export type AlertEvent = z.infer<typeof AlertEvent>;
