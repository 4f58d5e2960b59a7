import { canEdit } from "@/lib/auth/actor";
import { requireAdmin } from "@/lib/auth/require-admin";
import { listIncidentTemplates } from "@/lib/incidents/incident-templates";
import { ActionForm, Field } from "../../_components/action-form";
import { PROGRESS } from "../../_components/format";
import { MarkdownField } from "../../_components/markdown-field";
import { StatusField } from "../../_components/options";

function TemplateFields({ template }: { template?: { id: string; name: string; title: string; status: string; body: string } }) {
  return (
    <>
      {template && <input type="hidden" name="id" value={template.id} />}
      <Field label="Template name" name="name" hint="Only admins see it, when they pick a template for a new incident.">
        <input name="name" defaultValue={template?.name} />
      </Field>
      <Field label="Incident title" name="title">
        <input name="title" defaultValue={template?.title} />
      </Field>
      <StatusField values={PROGRESS} defaultValue={template?.status ?? "investigating"} />
      <MarkdownField defaultValue={template?.body} />
    </>
  );
}

export default async function TemplatesPage() {
  const { actor } = await requireAdmin();
  const templates = await listIncidentTemplates();
  const editor = canEdit(actor);
  return (
    <>
      <h1>Incident templates</h1>
      <p className="hint">Messages you post often; pick one when opening an incident.</p>
      {templates.map((t) => (
        <section key={t.id} aria-label={t.name} className="card">
          <h2>{t.name}</h2>
          {editor ? (
            <>
              <ActionForm action="saveIncidentTemplate" submit="Save">
                <TemplateFields template={t} />
              </ActionForm>
              <ActionForm action="deleteIncidentTemplate" submit="Delete" confirm={`Delete the template ${t.name}?`} secondary>
                <input type="hidden" name="id" value={t.id} />
              </ActionForm>
            </>
          ) : (
            <p>
              {t.title} ({t.status}): {t.body}
            </p>
          )}
        </section>
      ))}
      {editor && (
        <section aria-label="New template" className="card">
          <h2>New template</h2>
          <ActionForm action="saveIncidentTemplate" submit="Add template">
            <TemplateFields />
          </ActionForm>
        </section>
      )}
    </>
  );
}
