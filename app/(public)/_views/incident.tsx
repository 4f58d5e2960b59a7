/** @jsxImportSource preact */
// An incident (or maintenance) page: the whole timeline newest first, affected components, impact,
// duration and the postmortem.
import type { Translator } from "@/lib/i18n/translator";
import type { IncidentView } from "@/lib/public-read/read-history";
import { Layout, renderPage, type DocumentState } from "./layout";
import { useT } from "./i18n";
import { durationText, ImpactLabel, SanitisedMarkdown, Time, UpdateBlock } from "./parts";

export function renderIncident(view: IncidentView, state: DocumentState, pageName: string, t: Translator): string {
  return renderPage(<IncidentPage view={view} state={state} pageName={pageName} />, t);
}

function IncidentPage({ view, state, pageName }: { view: IncidentView; state: DocumentState; pageName: string }) {
  const { incident, components } = view;
  const cancelled = incident.status === "cancelled";
  const translator = useT();
  const { t, rich } = translator;
  const end = incident.resolvedAt ?? (incident.kind === "maintenance" && (incident.status === "completed" || cancelled) ? incident.updates[0]?.displayAt : null);
  return (
    <Layout title={`${incident.name} · ${pageName}`} pageName={pageName} state={state}>
      <p>
        <a href="/">← {pageName}</a>
      </p>
      <h1>{incident.name}</h1>
      <p>
        {t(`incidentStatus.${incident.status}`)}
        <ImpactLabel impact={incident.impact} />
      </p>
      <dl class="card">
        <dt>{incident.kind === "maintenance" ? t("incident.scheduled") : t("incident.started")}</dt>
        <dd>
          {incident.kind === "maintenance" && incident.scheduledFor ? (
            rich("time.range", { from: <Time iso={incident.scheduledFor} />, until: incident.scheduledUntil ? <Time iso={incident.scheduledUntil} /> : "—" })
          ) : (
            <Time iso={incident.startedAt} />
          )}
        </dd>
        <dt>{cancelled ? t("incident.cancelled") : end ? t("incident.resolved") : t("incident.openFor")}</dt>
        <dd>
          {cancelled && end ? (
            <Time iso={end} />
          ) : end ? (
            rich("incident.lasted", { end: <Time iso={end} />, duration: durationText(translator, incident.startedAt, end) })
          ) : (
            durationText(translator, incident.startedAt, state.generatedAt)
          )}
        </dd>
        <dt>{t("incident.affected")}</dt>
        <dd data-testid="affected-components">{components.length > 0 ? components.map((c) => c.name).join(", ") : t("incident.noneNamed")}</dd>
      </dl>
      <h2>{t("incident.updates")}</h2>
      <section data-testid="timeline">
        {incident.updates.map((update) => (
          <UpdateBlock key={update.id} update={update} />
        ))}
      </section>
      {incident.postmortemBody ? (
        <>
          <h2>{t("incident.postmortem")}</h2>
          <SanitisedMarkdown source={incident.postmortemBody} class="card md" testId="postmortem" />
        </>
      ) : null}
    </Layout>
  );
}
