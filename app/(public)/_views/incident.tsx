/** @jsxImportSource preact */
// An incident (or maintenance) page: the whole timeline newest first, affected components, impact,
// duration and the postmortem.
import { INCIDENT_STATUS_LABELS } from "@/lib/incidents/incident-status-labels";
import type { IncidentView } from "@/lib/public-read/read-history";
import { Layout, renderPage, type DocumentState } from "./layout";
import { durationText, ImpactLabel, SanitisedMarkdown, Time, UpdateBlock } from "./parts";

export function renderIncident(view: IncidentView, state: DocumentState, pageName: string): string {
  return renderPage(<IncidentPage view={view} state={state} pageName={pageName} />);
}

function IncidentPage({ view, state, pageName }: { view: IncidentView; state: DocumentState; pageName: string }) {
  const { incident, components } = view;
  const cancelled = incident.status === "cancelled";
  const end = incident.resolvedAt ?? (incident.kind === "maintenance" && (incident.status === "completed" || cancelled) ? incident.updates[0]?.displayAt : null);
  return (
    <Layout title={`${incident.name} · ${pageName}`} pageName={pageName} state={state}>
      <p>
        <a href="/">← {pageName}</a>
      </p>
      <h1>{incident.name}</h1>
      <p>
        {INCIDENT_STATUS_LABELS[incident.status]}
        <ImpactLabel impact={incident.impact} />
      </p>
      <dl class="card">
        <dt>{incident.kind === "maintenance" ? "Scheduled" : "Started"}</dt>
        <dd>
          {incident.kind === "maintenance" && incident.scheduledFor ? (
            <>
              <Time iso={incident.scheduledFor} /> to {incident.scheduledUntil ? <Time iso={incident.scheduledUntil} /> : "—"}
            </>
          ) : (
            <Time iso={incident.startedAt} />
          )}
        </dd>
        <dt>{cancelled ? "Cancelled" : end ? "Resolved" : "Open for"}</dt>
        <dd>
          {cancelled && end ? (
            <Time iso={end} />
          ) : end ? (
            <>
              <Time iso={end} /> (lasted {durationText(incident.startedAt, end)})
            </>
          ) : (
            durationText(incident.startedAt, state.generatedAt)
          )}
        </dd>
        <dt>Affected components</dt>
        <dd data-testid="affected-components">{components.length > 0 ? components.map((c) => c.name).join(", ") : "None named"}</dd>
      </dl>
      <h2>Updates</h2>
      <section data-testid="timeline">
        {incident.updates.map((update) => (
          <UpdateBlock key={update.id} update={update} />
        ))}
      </section>
      {incident.postmortemBody ? (
        <>
          <h2>Postmortem</h2>
          <SanitisedMarkdown source={incident.postmortemBody} class="card md" testId="postmortem" />
        </>
      ) : null}
    </Layout>
  );
}
