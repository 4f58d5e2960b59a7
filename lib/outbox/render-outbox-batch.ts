// Turns a claimed batch of outbox rows into emails. Data is loaded once per batch (every update,
// subscriber and the page name in a few queries), so a 10,000-row fan-out costs a few queries per
// hundred messages, not several per message. A row may also resolve to "skip" (its subscriber left
// since the fan-out) or "fail" (what it refers to is gone): the mailer settles those without sending.
import "server-only";
import { db } from "../db";
import {
  composeAdminAlertEmail,
  composeAlreadySubscribedEmail,
  composeConfirmationEmail,
  composeIncidentUpdateEmail,
  composeWebhookPausedEmail,
  type ComposedEmail,
} from "../email/compose-email";
import { env, publicUrl } from "../env";
import { renderMarkdown } from "../markdown/render-markdown";
import type { ComponentStatus, IncidentKind, IncidentStatus } from "../generated/prisma/enums";
import { processSubscriptionRequest } from "../subscriptions/process-subscription-request";
import { confirmUrl, manageTokenFor, manageUrl, oneClickUnsubscribeUrl } from "../subscriptions/subscriber-links";
import type { MaintenanceReminderPayload } from "./enqueue-update-notifications";
import type { ClaimedOutboxMessage } from "./outbox-store";
import type { WebhookPausedPayload } from "./pause-webhook-subscriber";

/** "retry": preparing this row failed for a reason that may pass (the database hiccuped). */
export type RenderedOutboxMessage =
  | { row: ClaimedOutboxMessage; outcome: "send"; email: ComposedEmail }
  | { row: ClaimedOutboxMessage; outcome: "skip" | "fail" | "retry"; reason: string };

type UpdateData = {
  incident: { id: string; name: string; kind: IncidentKind; status: IncidentStatus; scheduledFor: Date | null };
  update: { status: IncidentStatus; body: string; bodyHtml: string; at: Date };
  components: { name: string; status: ComponentStatus }[];
};

export async function renderOutboxBatch(rows: readonly ClaimedOutboxMessage[], options: { from: string; now: Date }): Promise<RenderedOutboxMessage[]> {
  const base = publicUrl(env());
  const page = await db().page.findUnique({ where: { id: "page" }, select: { name: true } });
  const pageName = page?.name ?? "Status";
  const updates = await loadUpdates(rows.flatMap((r) => (r.kind === "incident_update" && r.incidentUpdateId ? [r.incidentUpdateId] : [])));
  const subscriberIds = rows.flatMap((r) => ((r.kind === "incident_update" || r.kind === "webhook_paused") && r.subscriberId ? [r.subscriberId] : []));
  const subscribers = new Map(
    (await db().subscriber.findMany({ where: { id: { in: [...new Set(subscriberIds)] } }, select: { id: true, status: true, tokenVersion: true, language: true } })).map((s) => [s.id, s]),
  );
  const host = new URL(base).hostname;
  // A plain phrase: quotes or other specials would make the header an encoded word, which list filters do not read.
  const listId = `${pageName.replace(/[^\w .-]+/g, " ").replace(/\s+/g, " ").trim() || "Status"} <updates.${host}>`;

  const rendered: RenderedOutboxMessage[] = [];
  for (const row of rows) {
    switch (row.kind) {
      case "incident_update": {
        const data = row.incidentUpdateId ? updates.get(row.incidentUpdateId) : undefined;
        if (!data) {
          rendered.push({ row, outcome: "fail", reason: "skipped: the incident update was deleted" });
          break;
        }
        const subscriber = row.subscriberId ? subscribers.get(row.subscriberId) : undefined;
        if (!subscriber || subscriber.status !== "confirmed") {
          rendered.push({ row, outcome: "skip", reason: `skipped: subscriber is ${subscriber?.status ?? "removed"}` });
          break;
        }
        const reminder = reminderOf(row.payload);
        if (reminder && (data.incident.status !== "scheduled" || data.incident.scheduledFor?.toISOString() !== reminder.scheduledFor)) {
          rendered.push({ row, outcome: "skip", reason: "skipped: the maintenance window was cancelled, started or rescheduled since the reminder" });
          break;
        }
        const manageToken = await manageTokenFor(subscriber);
        const email = composeIncidentUpdateEmail({
          pageName,
          language: subscriber.language,
          incident: { name: data.incident.name, kind: data.incident.kind, url: `${base}/incidents/${data.incident.id}` },
          update: data.update,
          components: data.components,
          manageUrl: manageUrl(manageToken, base),
          unsubscribeUrl: oneClickUnsubscribeUrl(manageToken, base),
          listId,
          threadId: `<incident-${data.incident.id}-${subscriber.id}@${host}>`,
          ...(reminder
            ? { reminder: { minutesBefore: reminder.minutesBefore, scheduledFor: new Date(reminder.scheduledFor), scheduledUntil: reminder.scheduledUntil ? new Date(reminder.scheduledUntil) : null } }
            : {}),
        });
        rendered.push({ row, outcome: "send", email });
        break;
      }
      case "subscription_confirmation": {
        let plan;
        try {
          plan = await db().$transaction((tx) => processSubscriptionRequest(tx, { outboxId: row.id, email: row.recipient, payload: row.payload }, options.now));
        } catch (error) {
          rendered.push({ row, outcome: "retry", reason: `could not process the subscription request: ${(error as Error).message.replace(/\s+/g, " ").slice(0, 300)}` });
          break;
        }
        if (plan.mail === "none") rendered.push({ row, outcome: "skip", reason: plan.reason });
        else if (plan.mail === "confirm") {
          rendered.push({ row, outcome: "send", email: composeConfirmationEmail({ pageName, language: plan.language, confirmUrl: confirmUrl(plan.token, base), scope: plan.scope, webhookUrl: plan.webhookUrl }) });
        } else {
          const manageToken = await manageTokenFor({ id: plan.subscriberId, tokenVersion: plan.tokenVersion });
          rendered.push({ row, outcome: "send", email: composeAlreadySubscribedEmail({ pageName, language: plan.language, manageUrl: manageUrl(manageToken, base) }) });
        }
        break;
      }
      case "webhook_paused": {
        // Resumed (or removed) before this went out: the news is stale.
        const subscriber = row.subscriberId ? subscribers.get(row.subscriberId) : undefined;
        if (!subscriber || subscriber.status !== "paused") {
          rendered.push({ row, outcome: "skip", reason: `skipped: subscriber is ${subscriber?.status ?? "removed"}` });
          break;
        }
        const payload = row.payload as WebhookPausedPayload;
        const manageToken = await manageTokenFor(subscriber);
        rendered.push({ row, outcome: "send", email: composeWebhookPausedEmail({ pageName, language: subscriber.language, ...payload, manageUrl: manageUrl(manageToken, base) }) });
        break;
      }
      case "certificate_alert":
      case "incident_reminder":
      case "admin_notice": {
        const payload = (row.payload ?? {}) as { message?: unknown; title?: unknown; fingerprint?: unknown; threshold?: unknown };
        const served = row.kind === "certificate_alert" ? await certificateServes(payload.fingerprint, payload.threshold) : "";
        const message = typeof payload.message === "string" ? payload.message + served : "";
        if (!message) {
          rendered.push({ row, outcome: "fail", reason: "the message has no text (payload.message)" });
          break;
        }
        const title =
          typeof payload.title === "string" ? payload.title : row.kind === "certificate_alert" ? "Certificate alert" : row.kind === "incident_reminder" ? "Incident still open" : "Notice";
        rendered.push({ row, outcome: "send", email: composeAdminAlertEmail({ pageName, title, message, url: `${base}/admin` }) });
        break;
      }
    }
  }
  return rendered;
}

/** The reminder a maintenance reminder row carries (maintenance/maintenance-reminders.ts); null for an update's own mail. */
function reminderOf(payload: unknown): MaintenanceReminderPayload["reminder"] | null {
  const reminder = (payload as Partial<MaintenanceReminderPayload> | null)?.reminder;
  return reminder && typeof reminder.minutesBefore === "number" && typeof reminder.scheduledFor === "string" ? reminder : null;
}

/** " Served to: monitors CMS http, CMS tls; components CMS, Downloads." — everything that crossed with it. */
async function certificateServes(fingerprint: unknown, threshold: unknown): Promise<string> {
  if (typeof fingerprint !== "string" || typeof threshold !== "string") return "";
  const alerts = await db().certificateAlert.findMany({
    where: { fingerprint, threshold },
    orderBy: { monitor: { name: "asc" } },
    select: { monitor: { select: { name: true, component: { select: { name: true } } } } },
  });
  const monitors = alerts.map((a) => a.monitor.name);
  const components = [...new Set(alerts.flatMap((a) => (a.monitor.component ? [a.monitor.component.name] : [])))];
  if (monitors.length === 0) return "";
  return `. Seen by ${monitors.length === 1 ? "monitor" : "monitors"} ${monitors.join(", ")}${components.length > 0 ? `; ${components.length === 1 ? "component" : "components"} ${components.join(", ")}` : ""}.`;
}

async function loadUpdates(ids: string[]): Promise<Map<string, UpdateData>> {
  if (ids.length === 0) return new Map();
  const updates = await db().incidentUpdate.findMany({
    where: { id: { in: [...new Set(ids)] } },
    select: {
      id: true,
      status: true,
      body: true,
      displayAt: true,
      affectedComponents: true,
      incident: { select: { id: true, name: true, kind: true, status: true, scheduledFor: true, components: { select: { status: true, component: { select: { name: true } } } } } },
    },
  });
  return new Map(
    updates.map((u) => {
      // The components this update changed; an update that changed none speaks for all the incident's.
      const affected = Array.isArray(u.affectedComponents) ? (u.affectedComponents as { name: string; newStatus: ComponentStatus }[]) : [];
      const components = affected.length
        ? affected.map((c) => ({ name: c.name, status: c.newStatus }))
        : u.incident.components.map((c) => ({ name: c.component.name, status: c.status }));
      const { id, name, kind, status, scheduledFor } = u.incident;
      return [u.id, { incident: { id, name, kind, status, scheduledFor }, update: { status: u.status, body: u.body, bodyHtml: renderMarkdown(u.body), at: u.displayAt }, components }];
    }),
  );
}
