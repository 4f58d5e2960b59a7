/** @jsxImportSource preact */
// /history: incidents and maintenance by month, newest first, HISTORY_MONTHS months a page.
import type { Translator } from "@/lib/i18n/translator";
import type { HistoryView } from "@/lib/public-read/read-history";
import { Layout, renderPage, type DocumentState } from "./layout";
import { useT } from "./i18n";
import { ImpactLabel, IncidentLink, Time } from "./parts";

export function renderHistory(view: HistoryView, state: DocumentState | null, t: Translator): string {
  return renderPage(<HistoryPage view={view} state={state} />, t);
}

function HistoryPage({ view, state }: { view: HistoryView; state: DocumentState | null }) {
  const { t, monthText } = useT();
  return (
    <Layout title={t("history.title", { page: view.pageName })} pageName={view.pageName} state={state}>
      <h1>{t("history.heading")}</h1>
      {view.months.map((month) => (
        <section key={month.month} aria-labelledby={`m-${month.month}`}>
          <h2 id={`m-${month.month}`}>{monthText(month.month, "long")}</h2>
          {month.incidents.length === 0 ? (
            <p class="muted">{t("history.empty")}</p>
          ) : (
            month.incidents.map((incident) => (
              <article key={incident.id} class="card" data-testid="history-incident">
                <h3>
                  <IncidentLink incident={incident} />
                  <ImpactLabel impact={incident.impact} />
                </h3>
                <p class="muted">
                  {t(`incidentStatus.${incident.status}`)} · <Time iso={incident.startedAt} />
                </p>
              </article>
            ))
          )}
        </section>
      ))}
      <nav class="pages" aria-label={t("history.pages")}>
        {view.page > 1 ? (
          <a href={view.page === 2 ? "/history" : `/history?page=${view.page - 1}`} rel="prev">
            {t("history.newer")}
          </a>
        ) : (
          <span />
        )}
        {view.hasOlder ? (
          <a href={`/history?page=${view.page + 1}`} rel="next">
            {t("history.older")}
          </a>
        ) : null}
      </nav>
    </Layout>
  );
}
