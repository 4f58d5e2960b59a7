// Every email Vigil sends, as plain data → { subject, text, html, headers }. Pure: the mailer loads
// the data, these functions only format it. Each message is multipart: a plain-text part that reads
// well on its own (the Markdown body read as text) and an HTML part whose body goes through the one
// Markdown renderer (sanitised: no raw HTML, only http(s)/mailto links).
//
// Every mail to subscribers is a list mail (List-Id, one-click List-Unsubscribe) sent by a machine
// (Auto-Submitted, so auto-responders stay quiet), and every update of one incident threads under
// one root per subscriber (In-Reply-To/References), so a mail client shows one conversation.
import type { ComponentStatus, IncidentKind, IncidentStatus } from "../generated/prisma/enums";
import { markdownToText } from "../markdown/markdown-to-text";
import { renderMarkdown } from "../markdown/render-markdown";
import { statusUpdatesOf } from "../page-name";
import { COMPONENT_STATUS_LABELS } from "../status/component-status";
import { INCIDENT_STATUS_LABELS } from "../incidents/incident-status-labels";
import { leadTimeText } from "../maintenance/reminder-offsets";

export type ComposedEmail = { subject: string; text: string; html: string; headers: Record<string, string> };


const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** Header values must stay on one line whatever an admin typed into a name. */
const oneLine = (value: string) => value.replace(/[\r\n\t]+/g, " ").trim();

function layout(pageName: string, inner: string, footer: string): string {
  return [
    '<!doctype html><html><body style="margin:0;padding:0;background:#f6f8fa">',
    '<div style="max-width:600px;margin:0 auto;padding:24px;font:15px/1.5 -apple-system,Segoe UI,sans-serif;color:#1f2328;background:#ffffff">',
    `<p style="margin:0 0 16px;color:#57606a">${escapeHtml(pageName)}</p>`,
    inner,
    `<hr style="border:0;border-top:1px solid #d0d7de;margin:24px 0 12px"><p style="margin:0;font-size:13px;color:#57606a">${footer}</p>`,
    "</div></body></html>",
  ].join("\n");
}

/** RFC 3834: sent by a machine, so auto-responders do not answer it. */
const MACHINE_SENT = { "Auto-Submitted": "auto-generated" } as const;

const link = (url: string, label: string) => `<a href="${escapeHtml(url)}">${escapeHtml(label)}</a>`;

export type IncidentUpdateEmail = {
  pageName: string;
  incident: { name: string; kind: IncidentKind; url: string };
  /** bodyHtml: the body already through renderMarkdown — a fan-out renders it once, not per subscriber. */
  update: { status: IncidentStatus; body: string; bodyHtml?: string; at: Date };
  components: readonly { name: string; status: ComponentStatus }[];
  manageUrl: string;
  /** One-click unsubscribe endpoint (RFC 8058), also linked in the footer. */
  unsubscribeUrl: string;
  /** List-Id value: `<page name> <updates.<public host>>`. */
  listId: string;
  /** Message-ID of the thread's root: every update of the incident refers to it. */
  threadId: string;
  /** A maintenance reminder: the window's announcement again, headed by when it starts. */
  reminder?: { minutesBefore: number; scheduledFor: Date; scheduledUntil: Date | null };
};

/** "CMS, Episode downloads" — at most three names, then "+N more", so the subject stays short. */
export function componentList(names: readonly string[]): string {
  if (names.length <= 3) return names.join(", ");
  return `${names.slice(0, 3).join(", ")} +${names.length - 3} more`;
}

export function composeIncidentUpdateEmail(email: IncidentUpdateEmail): ComposedEmail {
  const reminder = email.reminder;
  const status = reminder ? `Reminder: starts in ${leadTimeText(reminder.minutesBefore)}` : INCIDENT_STATUS_LABELS[email.update.status];
  const what = email.incident.kind === "maintenance" ? `Maintenance: ${email.incident.name}` : email.incident.name;
  const names = email.components.map((c) => c.name);
  const subject = oneLine(`[${email.pageName}] ${status}: ${what}${names.length ? ` (${componentList(names)})` : ""}`);
  const utc = (date: Date) => date.toISOString().replace("T", " ").slice(0, 16) + " UTC";
  const when = reminder ? `${utc(reminder.scheduledFor)} to ${reminder.scheduledUntil ? utc(reminder.scheduledUntil) : "—"}` : utc(email.update.at);
  const componentLines = email.components.map((c) => `${c.name}: ${COMPONENT_STATUS_LABELS[c.status]}`);

  const text = [
    `${what}`,
    `${status} — ${when}`,
    "",
    markdownToText(email.update.body),
    "",
    ...(componentLines.length ? ["Affected components:", ...componentLines.map((line) => `- ${line}`), ""] : []),
    `Follow this incident: ${email.incident.url}`,
    "",
    "--",
    `You receive this because you subscribed to ${statusUpdatesOf(email.pageName)}.`,
    `Change what you receive: ${email.manageUrl}`,
    `Unsubscribe: ${email.manageUrl}`,
    "",
  ].join("\n");

  const html = layout(
    email.pageName,
    [
      `<h1 style="font-size:20px;margin:0 0 4px">${escapeHtml(what)}</h1>`,
      `<p style="margin:0 0 16px;color:#57606a"><strong>${escapeHtml(status)}</strong> — ${escapeHtml(when)}</p>`,
      `<div>${email.update.bodyHtml ?? renderMarkdown(email.update.body)}</div>`,
      componentLines.length
        ? `<p style="margin:16px 0 4px"><strong>Affected components</strong></p><ul>${componentLines.map((line) => `<li>${escapeHtml(line)}</li>`).join("")}</ul>`
        : "",
      `<p>${link(email.incident.url, "Follow this incident")}</p>`,
    ].join("\n"),
    `You receive this because you subscribed to ${escapeHtml(statusUpdatesOf(email.pageName))}. ${link(email.manageUrl, "Change what you receive")} · ${link(email.manageUrl, "Unsubscribe")}`,
  );

  return {
    subject,
    text,
    html,
    headers: {
      "List-Id": oneLine(email.listId),
      "List-Unsubscribe": `<${email.unsubscribeUrl}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
      ...MACHINE_SENT,
      "In-Reply-To": email.threadId,
      References: email.threadId,
    },
  };
}

/** `webhookUrl` non-empty: the request was for webhook deliveries to that endpoint, not email. */
export function composeConfirmationEmail(email: { pageName: string; confirmUrl: string; scope: string; webhookUrl?: string }): ComposedEmail {
  const subject = oneLine(`[${email.pageName}] Confirm your ${email.webhookUrl ? "webhook " : ""}subscription`);
  const what = email.webhookUrl
    ? `${statusUpdatesOf(email.pageName)} (${email.scope}) as webhooks POSTed to ${email.webhookUrl}, with this address for notices about failing deliveries`
    : `${statusUpdatesOf(email.pageName)} (${email.scope}) at this address`;
  const text = [
    `Someone — hopefully you — asked to receive ${what}.`,
    "",
    `Confirm your subscription: ${email.confirmUrl}`,
    "",
    "The link works once, for 24 hours. If you did not ask for this, ignore this email: you will receive nothing else.",
    "",
  ].join("\n");
  const html = layout(
    email.pageName,
    [`<p>Someone — hopefully you — asked to receive ${escapeHtml(what)}.</p>`, `<p>${link(email.confirmUrl, "Confirm your subscription")}</p>`].join("\n"),
    "The link works once, for 24 hours. If you did not ask for this, ignore this email: you will receive nothing else.",
  );
  return { subject, text, html, headers: MACHINE_SENT };
}

/** Sent once when a webhook subscriber is paused after `failures` failed deliveries in a row. */
export function composeWebhookPausedEmail(email: { pageName: string; webhookUrl: string; failures: number; lastError: string; manageUrl: string }): ComposedEmail {
  const subject = oneLine(`[${email.pageName}] Webhook deliveries paused`);
  const said = `The last ${email.failures} deliveries of ${statusUpdatesOf(email.pageName)} to your webhook ${email.webhookUrl} failed (the last one: ${email.lastError}), so we paused them.`;
  const text = [said, "", `Once the endpoint works again, resume deliveries: ${email.manageUrl}`, "", "Updates posted while deliveries are paused are not sent later.", ""].join("\n");
  const html = layout(
    email.pageName,
    `<p>${escapeHtml(said)}</p>\n<p>${link(email.manageUrl, "Resume deliveries once the endpoint works again")}</p>`,
    "Updates posted while deliveries are paused are not sent later.",
  );
  return { subject, text, html, headers: MACHINE_SENT };
}

export function composeAlreadySubscribedEmail(email: { pageName: string; manageUrl: string }): ComposedEmail {
  const subject = oneLine(`[${email.pageName}] You are already subscribed`);
  const text = [
    `Someone asked to subscribe this address to ${statusUpdatesOf(email.pageName)}. It is subscribed already.`,
    "",
    `Change what you receive, or unsubscribe: ${email.manageUrl}`,
    "",
  ].join("\n");
  const html = layout(
    email.pageName,
    `<p>Someone asked to subscribe this address to ${escapeHtml(statusUpdatesOf(email.pageName))}. It is subscribed already.</p>\n<p>${link(email.manageUrl, "Change what you receive, or unsubscribe")}</p>`,
    "If this was not you, nothing changes: you can ignore this email.",
  );
  return { subject, text, html, headers: MACHINE_SENT };
}

/** Certificate alerts, staleness reminders and other notices to the admins (ALERT_EMAIL). */
export function composeAdminAlertEmail(email: { pageName: string; title: string; message: string; url: string }): ComposedEmail {
  const subject = oneLine(`[${email.pageName}] ${email.title}`);
  const text = [email.message, "", `Open the console: ${email.url}`, ""].join("\n");
  const html = layout(
    email.pageName,
    `<h1 style="font-size:20px;margin:0 0 12px">${escapeHtml(email.title)}</h1>\n<p>${escapeHtml(email.message)}</p>\n<p>${link(email.url, "Open the console")}</p>`,
    "Sent to the address in ALERT_EMAIL.",
  );
  return { subject, text, html, headers: MACHINE_SENT };
}
