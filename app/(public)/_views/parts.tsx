/** @jsxImportSource preact */
// Small pieces shared by the public views: times, status words with icons (never colour alone),
// incident updates with their Markdown bodies, impact labels.
import type { ComponentStatus, IncidentImpact } from "@/lib/generated/prisma/enums";
import { INCIDENT_STATUS_LABELS } from "@/lib/incidents/incident-status-labels";
import { renderMarkdown } from "@/lib/markdown/render-markdown";
import type { SnapshotIncident, SnapshotIncidentUpdate } from "@/lib/public-read/status-snapshot-types";
import { COMPONENT_STATUS_LABELS } from "@/lib/status/component-status";

type TimeFormat = "datetime" | "date" | "time" | "ago";

/** "2026-11-29 14:05 UTC": the no-JS text and the hover title of every time. */
export function utcText(iso: string, format: Exclude<TimeFormat, "ago"> = "datetime"): string {
  const text = iso.slice(0, 16).replace("T", " ");
  if (format === "date") return text.slice(0, 10);
  if (format === "time") return `${text.slice(11)} UTC`;
  return `${text} UTC`;
}

/** A <time> the client script rewrites in the visitor's zone; UTC as text and on hover. */
export function Time({ iso, format = "datetime" }: { iso: string; format?: TimeFormat }) {
  return (
    <time datetime={iso} title={utcText(iso)} data-format={format}>
      {format === "ago" ? `at ${utcText(iso)}` : utcText(iso, format)}
    </time>
  );
}

const STATUS_ICONS: Record<ComponentStatus, string> = {
  operational: "✓",
  degraded_performance: "◐",
  partial_outage: "!",
  major_outage: "✕",
  under_maintenance: "⚒",
};

export function StatusLabel({ status }: { status: ComponentStatus }) {
  return (
    <span class={`status status-${status}`}>
      <span aria-hidden="true">{STATUS_ICONS[status]} </span>
      {COMPONENT_STATUS_LABELS[status]}
    </span>
  );
}

const IMPACT_LABELS: Record<IncidentImpact, string> = {
  none: "No impact",
  minor: "Minor",
  major: "Major",
  critical: "Critical",
  maintenance: "Maintenance",
};

export function ImpactLabel({ impact }: { impact: IncidentImpact }) {
  return <span class={`impact impact-${impact}`}>{IMPACT_LABELS[impact]}</span>;
}

/**
 * The one place public views insert markup they did not build element by element: Markdown that
 * renderMarkdown has already sanitised (raw HTML disabled, links checked).
 */
export function SanitisedMarkdown({ source, class: className = "md", testId }: { source: string; class?: string; testId?: string }) {
  return <div class={className} data-testid={testId} dangerouslySetInnerHTML={{ __html: renderMarkdown(source) }} />;
}

export function UpdateBlock({ update }: { update: SnapshotIncidentUpdate }) {
  return (
    <div class="update">
      <span class="update-status">{INCIDENT_STATUS_LABELS[update.status]}</span> —{" "}
      <span class="muted">
        <Time iso={update.displayAt} />
      </span>
      <SanitisedMarkdown source={update.body} />
    </div>
  );
}

export function IncidentLink({ incident }: { incident: Pick<SnapshotIncident, "id" | "name"> }) {
  return <a href={`/incidents/${encodeURIComponent(incident.id)}`}>{incident.name}</a>;
}

/** "2 h 5 min": how long an incident lasted (or has lasted so far). */
export function durationText(fromIso: string, toIso: string): string {
  const minutes = Math.max(0, Math.round((Date.parse(toIso) - Date.parse(fromIso)) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}
