"use client";
// Open an incident: name, impact, affected components and their status, the first update, notify.
// A template prefills name, status and message.
import { useState } from "react";
import type { IncidentTemplateSummary } from "@/lib/incidents/incident-templates";
import type { ComponentChoice } from "@/lib/console/incidents";
import { ActionForm, Field } from "./action-form";
import { PROGRESS } from "./format";
import { ComponentStatuses } from "./component-statuses";
import { MarkdownField } from "./markdown-field";
import { NotifyToggle, Options } from "./options";



export function NewIncidentForm({ components, templates }: { components: ComponentChoice[]; templates: IncidentTemplateSummary[] }) {
  const [name, setName] = useState("");
  const [status, setStatus] = useState("investigating");
  const [body, setBody] = useState("");
  return (
    <ActionForm action="createIncident" submit="Open incident">
      {templates.length > 0 && (
        <label className="field">
          <span className="field-label">Start from a template</span>
          <select
            defaultValue=""
            onChange={(event) => {
              const template = templates.find((t) => t.id === event.target.value);
              if (!template) return;
              setName(template.title);
              setStatus(template.status);
              setBody(template.body);
            }}
          >
            <option value="">—</option>
            {templates.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <Field label="Name" name="name">
        <input name="name" value={name} onChange={(event) => setName(event.target.value)} />
      </Field>
      <Field label="Impact" name="impact">
        <select name="impact" defaultValue="minor">
          <option value="none">None</option>
          <option value="minor">Minor</option>
          <option value="major">Major</option>
          <option value="critical">Critical</option>
        </select>
      </Field>
      <Field label="Status" name="status">
        <select name="status" value={status} onChange={(event) => setStatus(event.target.value)}>
          <Options values={PROGRESS} />
        </select>
      </Field>
      <ComponentStatuses components={components} emptyLabel="Not affected" />
      <MarkdownField value={body} onChange={setBody} />
      <NotifyToggle />
    </ActionForm>
  );
}
