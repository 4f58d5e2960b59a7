/** @jsxImportSource preact */
// Small pieces shared by the public views: times, status words with icons (never colour alone),
// incident updates with their Markdown bodies, impact labels.
import type { ComponentStatus, IncidentImpact } from "@/lib/generated/prisma/enums";
import { renderMarkdown } from "@/lib/markdown/render-markdown";
import type { SnapshotIncident, SnapshotIncidentUpdate } from "@/lib/public-read/status-snapshot-types";
import type { TimeFormat, Translator } from "@/lib/i18n/translator";
import { useT } from "./i18n";

/**
 * A <time> the client script rewrites in the visitor's zone and the page's language; UTC as text
 * (the no-JS fallback) and on hover.
 */
export function Time({ iso, format = "datetime" }: { iso: string; format?: TimeFormat | "ago" }) {
  const { t, utcText } = useT();
  return (
    <time datetime={iso} title={utcText(iso)} data-format={format}>
      {format === "ago" ? t("time.at", { time: utcText(iso) }) : utcText(iso, format)}
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
  const { t } = useT();
  return (
    <span class={`status status-${status}`}>
      <span aria-hidden="true">{STATUS_ICONS[status]} </span>
      {t(`componentStatus.${status}`)}
    </span>
  );
}

export function ImpactLabel({ impact }: { impact: IncidentImpact }) {
  const { t } = useT();
  return <span class={`impact impact-${impact}`}>{t(`impact.${impact}`)}</span>;
}

/**
 * The one place public views insert markup they did not build element by element: Markdown that
 * renderMarkdown has already sanitised (raw HTML disabled, links checked).
 */
export function SanitisedMarkdown({ source, class: className = "md", testId }: { source: string; class?: string; testId?: string }) {
  return <div class={className} data-testid={testId} dangerouslySetInnerHTML={{ __html: renderMarkdown(source) }} />;
}

export function UpdateBlock({ update }: { update: SnapshotIncidentUpdate }) {
  const { t } = useT();
  return (
    <div class="update">
      <span class="update-status">{t(`incidentStatus.${update.status}`)}</span> —{" "}
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
export function durationText({ t }: Translator, fromIso: string, toIso: string): string {
  const minutes = Math.max(0, Math.round((Date.parse(toIso) - Date.parse(fromIso)) / 60_000));
  if (minutes < 60) return t("duration.minutes", { minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return t("duration.hours", { hours, minutes: minutes % 60 });
  return t("duration.days", { days: Math.floor(hours / 24), hours: hours % 24 });
}
