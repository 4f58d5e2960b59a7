// Every email Vigil sends, as plain data → { subject, text, html, headers }. Pure: the mailer loads
// the data, these functions only format it. Each message is multipart: a plain-text part that reads
// well on its own (the Markdown body read as text) and an HTML part whose body goes through the one
// Markdown renderer (sanitised: no raw HTML, only http(s)/mailto links).
//
// Every mail to subscribers is a list mail (List-Id, one-click List-Unsubscribe) sent by a machine
// (Auto-Submitted, so auto-responders stay quiet), and every update of one incident threads under
// one root per subscriber (In-Reply-To/References), so a mail client shows one conversation.
//
// Mail to subscribers is written in the subscriber's language (lib/i18n); mail to the team
// (composeAdminAlertEmail) stays English, as the console does.
import type { ComponentStatus, IncidentKind, IncidentStatus } from "../generated/prisma/enums";
import type { Language } from "../i18n/languages";
import { translator, type Translator } from "../i18n/translator";
import { markdownToText } from "../markdown/markdown-to-text";
import { renderMarkdown } from "../markdown/render-markdown";
import { leadTimeText } from "../maintenance/reminder-offsets";
import { statusUpdatesOf } from "../page-name";

export type ComposedEmail = { subject: string; text: string; html: string; headers: Record<string, string> };


const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** Header values must stay on one line whatever an admin typed into a name. */
const oneLine = (value: string) => value.replace(/[\r\n\t]+/g, " ").trim();

/** `footer` is HTML (escaped by the caller). */
function layout(pageName: string, inner: string, footer: string, language: Language): string {
  return [
    `<!doctype html><html lang="${language}"><body style="margin:0;padding:0;background:#f6f8fa">`,
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

/** "Acme status updates" in English; the page's name in the sentence of other languages. */
function updatesOf(t: Translator, pageName: string): string {
  return t.t("email.updatesOf", { statusUpdates: statusUpdatesOf(pageName), name: pageName });
}

export type IncidentUpdateEmail = {
  pageName: string;
  /** The subscriber's language. */
  language: Language;
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
export function componentList(names: readonly string[], { t }: Translator): string {
  if (names.length <= 3) return names.join(", ");
  return t("email.moreComponents", { names: names.slice(0, 3).join(", "), count: names.length - 3 });
}

export function composeIncidentUpdateEmail(email: IncidentUpdateEmail): ComposedEmail {
  const translation = translator(email.language);
  const { t } = translation;
  const reminder = email.reminder;
  const status = reminder ? t("email.reminder", { lead: leadTimeText(translation, reminder.minutesBefore) }) : t(`incidentStatus.${email.update.status}`);
  const what = email.incident.kind === "maintenance" ? t("email.maintenance", { name: email.incident.name }) : email.incident.name;
  const names = email.components.map((c) => c.name);
  const subject = oneLine(`[${email.pageName}] ${status}: ${what}${names.length ? ` (${componentList(names, translation)})` : ""}`);
  const utc = (date: Date) => translation.utcText(date.toISOString());
  const when = reminder
    ? t("time.range", { from: utc(reminder.scheduledFor), until: reminder.scheduledUntil ? utc(reminder.scheduledUntil) : "—" })
    : utc(email.update.at);
  const componentLines = email.components.map((c) => `${c.name}: ${t(`componentStatus.${c.status}`)}`);
  const why = t("email.whySubscribed", { updates: updatesOf(translation, email.pageName) });

  const text = [
    `${what}`,
    `${status} — ${when}`,
    "",
    markdownToText(email.update.body),
    "",
    ...(componentLines.length ? [`${t("email.affected")}:`, ...componentLines.map((line) => `- ${line}`), ""] : []),
    `${t("email.follow")}: ${email.incident.url}`,
    "",
    "--",
    why,
    `${t("email.change")}: ${email.manageUrl}`,
    `${t("email.unsubscribe")}: ${email.manageUrl}`,
    "",
  ].join("\n");

  const html = layout(
    email.pageName,
    [
      `<h1 style="font-size:20px;margin:0 0 4px">${escapeHtml(what)}</h1>`,
      `<p style="margin:0 0 16px;color:#57606a"><strong>${escapeHtml(status)}</strong> — ${escapeHtml(when)}</p>`,
      `<div>${email.update.bodyHtml ?? renderMarkdown(email.update.body)}</div>`,
      componentLines.length
        ? `<p style="margin:16px 0 4px"><strong>${escapeHtml(t("email.affected"))}</strong></p><ul>${componentLines.map((line) => `<li>${escapeHtml(line)}</li>`).join("")}</ul>`
        : "",
      `<p>${link(email.incident.url, t("email.follow"))}</p>`,
    ].join("\n"),
    `${escapeHtml(why)} ${link(email.manageUrl, t("email.change"))} · ${link(email.manageUrl, t("email.unsubscribe"))}`,
    email.language,
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
export function composeConfirmationEmail(email: { pageName: string; language: Language; confirmUrl: string; scope: string; webhookUrl?: string }): ComposedEmail {
  const translation = translator(email.language);
  const { t } = translation;
  const subject = oneLine(`[${email.pageName}] ${t(email.webhookUrl ? "email.confirm.subjectWebhook" : "email.confirm.subject")}`);
  const updates = updatesOf(translation, email.pageName);
  const what = email.webhookUrl
    ? t("email.confirm.whatWebhook", { updates, scope: email.scope, url: email.webhookUrl })
    : t("email.confirm.what", { updates, scope: email.scope });
  const asked = t("email.confirm.asked", { what });
  const expiry = t("email.confirm.expiry");
  const text = [asked, "", `${t("email.confirm.link")}: ${email.confirmUrl}`, "", expiry, ""].join("\n");
  const html = layout(email.pageName, [`<p>${escapeHtml(asked)}</p>`, `<p>${link(email.confirmUrl, t("email.confirm.link"))}</p>`].join("\n"), escapeHtml(expiry), email.language);
  return { subject, text, html, headers: MACHINE_SENT };
}

/** Sent once when a webhook subscriber is paused after `failures` failed deliveries in a row. */
export function composeWebhookPausedEmail(email: {
  pageName: string;
  language: Language;
  webhookUrl: string;
  failures: number;
  lastError: string;
  manageUrl: string;
}): ComposedEmail {
  const translation = translator(email.language);
  const { t } = translation;
  const subject = oneLine(`[${email.pageName}] ${t("email.paused.subject")}`);
  const said = t("email.paused.said", { failures: email.failures, updates: updatesOf(translation, email.pageName), url: email.webhookUrl, error: email.lastError });
  const lost = t("email.paused.lost");
  const text = [said, "", `${t("email.paused.resume")}: ${email.manageUrl}`, "", lost, ""].join("\n");
  const html = layout(email.pageName, `<p>${escapeHtml(said)}</p>\n<p>${link(email.manageUrl, t("email.paused.resumeLink"))}</p>`, escapeHtml(lost), email.language);
  return { subject, text, html, headers: MACHINE_SENT };
}

export function composeAlreadySubscribedEmail(email: { pageName: string; language: Language; manageUrl: string }): ComposedEmail {
  const translation = translator(email.language);
  const { t } = translation;
  const subject = oneLine(`[${email.pageName}] ${t("email.already.subject")}`);
  const said = t("email.already.said", { updates: updatesOf(translation, email.pageName) });
  const text = [said, "", `${t("email.already.link")}: ${email.manageUrl}`, ""].join("\n");
  const html = layout(email.pageName, `<p>${escapeHtml(said)}</p>\n<p>${link(email.manageUrl, t("email.already.link"))}</p>`, escapeHtml(t("email.already.ignore")), email.language);
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
    "en",
  );
  return { subject, text, html, headers: MACHINE_SENT };
}
