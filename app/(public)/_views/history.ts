// /history: incidents and maintenance by month, newest first, HISTORY_MONTHS months a page.
import { html } from "@/lib/html/html";
import type { HistoryView } from "@/lib/public-read/read-history";
import { renderDocument, type DocumentState } from "./document";
import { impactLabel, incidentLink, timeTag } from "./parts";
import { INCIDENT_STATUS_LABELS } from "@/lib/incidents/incident-status-labels";

const monthName = (month: string) =>
  new Date(`${month}-01T00:00:00Z`).toLocaleString("en-US", { month: "long", year: "numeric", timeZone: "UTC" });

export function renderHistory(view: HistoryView, state: DocumentState | null): string {
  const main = html`<h1>Incident history</h1>
${view.months.map(
  (month) => html`<section aria-labelledby="m-${month.month}"><h2 id="m-${month.month}">${monthName(month.month)}</h2>${
    month.incidents.length === 0
      ? html`<p class="muted">No incidents reported.</p>`
      : month.incidents.map(
          (incident) => html`<article class="card" data-testid="history-incident"><h3>${incidentLink(incident)}${impactLabel(incident.impact)}</h3><p class="muted">${INCIDENT_STATUS_LABELS[incident.status]} · ${timeTag(incident.startedAt)}</p></article>`,
        )
  }</section>`,
)}
<nav class="pages" aria-label="History pages">${view.page > 1 ? html`<a href="/history${view.page === 2 ? "" : `?page=${view.page - 1}`}" rel="prev">← Newer</a>` : html`<span></span>`}${view.hasOlder ? html`<a href="/history?page=${view.page + 1}" rel="next">Older →</a>` : null}</nav>`;
  return renderDocument({ title: `History · ${view.pageName}`, pageName: view.pageName, main, state });
}
