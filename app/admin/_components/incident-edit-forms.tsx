// Correcting an incident (name, impact, components, backdated times) and reopening a resolved one.
import type { ComponentChoice, ConsoleIncident } from "@/lib/console/incidents";
import { REOPEN_WINDOW_DAYS } from "@/lib/incidents/schemas";
import { ActionForm, Field } from "./action-form";
import { ComponentStatuses } from "./component-statuses";
import { DateTimeField } from "./date-time-field";
import { MarkdownField } from "./markdown-field";
import { Options } from "./options";

const IMPACTS = ["none", "minor", "major", "critical"] as const;

export function EditIncidentForm({ incident, components }: { incident: ConsoleIncident; components: ComponentChoice[] }) {
  const resolved = incident.status === "resolved" || incident.status === "postmortem";
  return (
    <ActionForm action="editIncident" submit="Save changes">
      <input type="hidden" name="id" value={incident.id} />
      <Field label="Name" name="name">
        <input name="name" defaultValue={incident.name} />
      </Field>
      <Field label="Impact" name="impact">
        <select name="impact" defaultValue={incident.impact}>
          <Options values={IMPACTS} />
        </select>
      </Field>
      <ComponentStatuses components={components} emptyLabel="Not affected" defaults={Object.fromEntries(incident.components.map((c) => [c.id, c.imposed]))} />
      <DateTimeField name="startedAt" label="Started" instant={incident.startedAt.toISOString()} hint="Backdate it to when the problem really began; never later than the first update." />
      {resolved && incident.resolvedAt && (
        <DateTimeField name="resolvedAt" label="Resolved" instant={incident.resolvedAt.toISOString()} hint="When it really ended: after the last update before the resolution, not in the future." />
      )}
      <Field label="Note to subscribers (optional)" name="note" hint="Sent only when notifying; otherwise a summary of the new impact and components.">
        <textarea name="note" rows={2} />
      </Field>
      <label className="check">
        <input type="checkbox" name="notify" /> Tell subscribers about a changed impact or components
      </label>
      <p className="hint">Corrections are audited. Unticked, nobody is mailed and the timeline keeps its updates.</p>
    </ActionForm>
  );
}

export function ReopenIncidentForm({ incident, components }: { incident: ConsoleIncident; components: ComponentChoice[] }) {
  return (
    <ActionForm action="reopenIncident" submit="Reopen incident" confirm="Reopen this incident? It shows as open on the status page again.">
      <input type="hidden" name="id" value={incident.id} />
      <p className="hint">A resolved incident can be reopened within {REOPEN_WINDOW_DAYS} days of its resolution; after that, open a new one.</p>
      <Field label="Status" name="status">
        <select name="status" defaultValue="investigating">
          <Options values={["investigating", "identified", "monitoring"]} />
        </select>
      </Field>
      <ComponentStatuses components={components} emptyLabel="Unchanged" />
      <MarkdownField label="Why it is open again (Markdown)" />
      <label className="check">
        <input type="checkbox" name="notify" /> Notify subscribers
      </label>
    </ActionForm>
  );
}
