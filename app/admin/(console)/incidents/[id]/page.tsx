import { notFound } from "next/navigation";
import { canEdit } from "@/lib/auth/actor";
import { requireAdmin } from "@/lib/auth/require-admin";
import { listComponentChoices, readIncident } from "@/lib/console/incidents";
import { renderMarkdown } from "@/lib/markdown/render-markdown";
import { COMPONENT_STATUS_LABELS } from "@/lib/status/component-status";
import { ActionForm } from "../../../_components/action-form";
import { ComponentStatuses } from "../../../_components/component-statuses";
import { formatTime, label } from "../../../_components/format";
import { PROGRESS } from "../../../_components/format";
import { EditIncidentForm, ReopenIncidentForm } from "../../../_components/incident-edit-forms";
import { MarkdownField } from "../../../_components/markdown-field";
import { NotifyToggle, StatusField } from "../../../_components/options";

export default async function IncidentPage({ params }: { params: Promise<{ id: string }> }) {
  const { actor } = await requireAdmin();
  const incident = await readIncident((await params).id);
  if (!incident || incident.kind !== "incident") notFound();
  const editor = canEdit(actor);
  const open = incident.status !== "resolved" && incident.status !== "postmortem";
  const components = editor ? await listComponentChoices() : [];
  return (
    <>
      <h1>{incident.name}</h1>
      <p data-testid="incident-status">
        {label(incident.status)} · {incident.impact} impact · {incident.source}
        {incident.source === "automatic" && (incident.takenOver ? " (taken over)" : " (automation in charge)")} · started {formatTime(incident.startedAt)}
        {incident.resolvedAt && ` · resolved ${formatTime(incident.resolvedAt)}`}
      </p>
      {incident.components.length > 0 && (
        <ul>
          {incident.components.map((c) => (
            <li key={c.id}>
              {c.name}: {COMPONENT_STATUS_LABELS[c.imposed]} (shown now: {COMPONENT_STATUS_LABELS[c.current]})
            </li>
          ))}
        </ul>
      )}

      {editor && open && (
        <section aria-label="Post an update">
          <h2>Post an update</h2>
          {incident.source === "automatic" && !incident.takenOver && (
            <ActionForm action="takeOverIncident" submit="Take over without posting" secondary>
              <input type="hidden" name="id" value={incident.id} />
              <p className="hint">Vigil opened this incident. Posting an update (or this button) makes it yours: automation stops touching it.</p>
            </ActionForm>
          )}
          <ActionForm action="postIncidentUpdate" submit="Post update">
            <input type="hidden" name="id" value={incident.id} />
            <StatusField values={PROGRESS} defaultValue={incident.status} />
            <ComponentStatuses components={components} emptyLabel="Unchanged" />
            <MarkdownField />
            <NotifyToggle />
          </ActionForm>
        </section>
      )}

      {editor && (
        <section aria-label="Edit incident">
          <details>
            <summary>Edit incident: name, impact, components, times</summary>
            <EditIncidentForm incident={incident} components={components} />
          </details>
        </section>
      )}

      {editor && !open && (
        <section aria-label="Reopen">
          <details>
            <summary>Reopen this incident</summary>
            <ReopenIncidentForm incident={incident} components={components} />
          </details>
        </section>
      )}

      <section aria-label="Updates">
        <h2>Updates</h2>
        <ol className="timeline">
          {incident.updates.map((update) => (
            <li key={update.id} data-testid="incident-update">
              <p>
                <strong>{label(update.status)}</strong> · {formatTime(update.displayAt)} · {update.author}
                {!update.notify && " · not notified"}
              </p>
              <div className="markdown" dangerouslySetInnerHTML={{ __html: renderMarkdown(update.body) }} />
              {update.probeDetail && (
                <p className="hint" data-testid="probe-detail">
                  Probe detail (admins only): {update.probeDetail}
                </p>
              )}
              {editor && (
                <details>
                  <summary>Edit or delete</summary>
                  <ActionForm action="editIncidentUpdate" submit="Save correction">
                    <input type="hidden" name="id" value={update.id} />
                    <MarkdownField defaultValue={update.body} label="Corrected message" />
                    <p className="hint">Corrections are audited; notifications already sent are not re-sent.</p>
                  </ActionForm>
                  <ActionForm action="deleteIncidentUpdate" submit="Delete this update" confirm="Delete this update? The audit log keeps a copy." secondary>
                    <input type="hidden" name="id" value={update.id} />
                  </ActionForm>
                </details>
              )}
            </li>
          ))}
        </ol>
      </section>

      {(incident.status === "resolved" || incident.status === "postmortem") && (
        <section aria-label="Postmortem">
          <h2>Postmortem</h2>
          {incident.postmortemBody && <div className="markdown" dangerouslySetInnerHTML={{ __html: renderMarkdown(incident.postmortemBody) }} />}
          {editor && (
            <ActionForm action="publishPostmortem" submit={incident.postmortemBody ? "Replace postmortem" : "Publish postmortem"}>
              <input type="hidden" name="id" value={incident.id} />
              <MarkdownField defaultValue={incident.postmortemBody ?? ""} label="Postmortem (Markdown)" rows={10} />
            </ActionForm>
          )}
        </section>
      )}
    </>
  );
}
