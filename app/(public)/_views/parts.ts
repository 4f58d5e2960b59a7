// Small pieces shared by the public views: times, status words with icons (never colour alone),
// incident updates with their Markdown bodies, impact labels.
import { html, raw, type SafeHtml } from "@/lib/html/html";
import { renderMarkdown } from "@/lib/markdown/render-markdown";
import type { ComponentStatus, IncidentImpact } from "@/lib/generated/prisma/enums";
import { COMPONENT_STATUS_LABELS } from "@/lib/status/component-status";
import type { SnapshotIncident, SnapshotIncidentUpdate } from "@/lib/public-read/status-snapshot-types";
import { INCIDENT_STATUS_LABELS } from "@/lib/incidents/incident-status-labels";

/** "2026-11-29 14:05 UTC": the no-JS text and the hover title of every time. */
export function utcText(iso: string, format: "datetime" | "date" | "time" = "datetime"): string {
  const text = iso.slice(0, 16).replace("T", " ");
  if (format === "date") return text.slice(0, 10);
  if (format === "time") return `${text.slice(11)} UTC`;
  return `${text} UTC`;
}

/** A <time> the client script rewrites in the visitor's zone; UTC as text and on hover. */
export function timeTag(iso: string, format: "datetime" | "date" | "time" | "ago" = "datetime"): SafeHtml {
  const fallback = format === "ago" ? `at ${utcText(iso)}` : utcText(iso, format);
  return html`<time datetime="${iso}" title="${utcText(iso)}" data-format="${format}">${fallback}</time>`;
}

export const STATUS_ICONS: Record<ComponentStatus, string> = {
  operational: "✓",
  degraded_performance: "◐",
  partial_outage: "!",
  major_outage: "✕",
  under_maintenance: "⚒",
};

export function statusLabel(status: ComponentStatus): SafeHtml {
  return html`<span class="status status-${status}"><span aria-hidden="true">${STATUS_ICONS[status]} </span>${COMPONENT_STATUS_LABELS[status]}</span>`;
}


export const IMPACT_LABELS: Record<IncidentImpact, string> = {
  none: "No impact",
  minor: "Minor",
  major: "Major",
  critical: "Critical",
  maintenance: "Maintenance",
};

export function impactLabel(impact: IncidentImpact): SafeHtml {
  return html`<span class="impact impact-${impact}">${IMPACT_LABELS[impact]}</span>`;
}

export function markdown(body: string): SafeHtml {
  return raw(renderMarkdown(body));
}

export function updateBlock(update: SnapshotIncidentUpdate): SafeHtml {
  return html`<div class="update"><span class="update-status">${INCIDENT_STATUS_LABELS[update.status]}</span> — <span class="muted">${timeTag(update.displayAt)}</span><div class="md">${markdown(update.body)}</div></div>`;
}

export function incidentLink(incident: SnapshotIncident): SafeHtml {
  return html`<a href="/incidents/${encodeURIComponent(incident.id)}">${incident.name}</a>`;
}

/** "2 h 5 min": how long an incident lasted (or has lasted so far). */
export function durationText(fromIso: string, toIso: string): string {
  const minutes = Math.max(0, Math.round((Date.parse(toIso) - Date.parse(fromIso)) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}
