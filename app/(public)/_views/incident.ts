// An incident (or maintenance) page: the whole timeline newest first, affected components, impact,
// duration and the postmortem.
import { html } from "@/lib/html/html";
import type { IncidentView } from "@/lib/public-read/read-history";
import { renderDocument, type DocumentState } from "./document";
import { durationText, impactLabel, markdown, timeTag, updateBlock } from "./parts";
import { INCIDENT_STATUS_LABELS } from "@/lib/incidents/incident-status-labels";

export function renderIncident(view: IncidentView, state: DocumentState, pageName: string): string {
  const { incident, components } = view;
  const end = incident.resolvedAt ?? (incident.kind === "maintenance" && incident.status === "completed" ? incident.updates[0]?.displayAt : null);
  const main = html`<p><a href="/">← ${pageName}</a></p>
<h1>${incident.name}</h1>
<p>${INCIDENT_STATUS_LABELS[incident.status]}${impactLabel(incident.impact)}</p>
<dl class="card">
<dt>${incident.kind === "maintenance" ? "Scheduled" : "Started"}</dt><dd>${incident.kind === "maintenance" && incident.scheduledFor ? html`${timeTag(incident.scheduledFor)} to ${incident.scheduledUntil ? timeTag(incident.scheduledUntil) : "—"}` : timeTag(incident.startedAt)}</dd>
<dt>${end ? "Resolved" : "Open for"}</dt><dd>${end ? html`${timeTag(end)} (lasted ${durationText(incident.startedAt, end)})` : durationText(incident.startedAt, state.generatedAt)}</dd>
<dt>Affected components</dt><dd data-testid="affected-components">${components.length > 0 ? components.map((c) => c.name).join(", ") : "None named"}</dd>
</dl>
<h2>Updates</h2>
<section data-testid="timeline">${incident.updates.map((update) => updateBlock(update))}</section>
${incident.postmortemBody ? html`<h2>Postmortem</h2><div class="card md" data-testid="postmortem">${markdown(incident.postmortemBody)}</div>` : null}`;
  return renderDocument({ title: `${incident.name} · ${pageName}`, pageName, main, state });
}
