/** @jsxImportSource preact */
// /history: incidents and maintenance by month, newest first, HISTORY_MONTHS months a page.
import { INCIDENT_STATUS_LABELS } from "@/lib/incidents/incident-status-labels";
import type { HistoryView } from "@/lib/public-read/read-history";
import { Layout, renderPage, type DocumentState } from "./layout";
import { ImpactLabel, IncidentLink, Time } from "./parts";

const monthName = (month: string) =>
  new Date(`${month}-01T00:00:00Z`).toLocaleString("en-US", { month: "long", year: "numeric", timeZone: "UTC" });

export function renderHistory(view: HistoryView, state: DocumentState | null): string {
  return renderPage(<HistoryPage view={view} state={state} />);
}

function HistoryPage({ view, state }: { view: HistoryView; state: DocumentState | null }) {
  return (
    <Layout title={`History · ${view.pageName}`} pageName={view.pageName} state={state}>
      <h1>Incident history</h1>
      {view.months.map((month) => (
        <section key={month.month} aria-labelledby={`m-${month.month}`}>
          <h2 id={`m-${month.month}`}>{monthName(month.month)}</h2>
          {month.incidents.length === 0 ? (
            <p class="muted">No incidents reported.</p>
          ) : (
            month.incidents.map((incident) => (
              <article key={incident.id} class="card" data-testid="history-incident">
                <h3>
                  <IncidentLink incident={incident} />
                  <ImpactLabel impact={incident.impact} />
                </h3>
                <p class="muted">
                  {INCIDENT_STATUS_LABELS[incident.status]} · <Time iso={incident.startedAt} />
                </p>
              </article>
            ))
          )}
        </section>
      ))}
      <nav class="pages" aria-label="History pages">
        {view.page > 1 ? (
          <a href={view.page === 2 ? "/history" : `/history?page=${view.page - 1}`} rel="prev">
            ← Newer
          </a>
        ) : (
          <span />
        )}
        {view.hasOlder ? (
          <a href={`/history?page=${view.page + 1}`} rel="next">
            Older →
          </a>
        ) : null}
      </nav>
    </Layout>
  );
}
