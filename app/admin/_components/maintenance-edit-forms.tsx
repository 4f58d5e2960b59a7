// Rescheduling, re-scoping or renaming a maintenance window, and cancelling one that has not started.
import type { ComponentChoice, ConsoleIncident } from "@/lib/console/incidents";
import { ActionForm, Field, FieldError } from "./action-form";
import { DateTimeField } from "./date-time-field";
import { MarkdownField } from "./markdown-field";

export function EditMaintenanceForm({ maintenance, components }: { maintenance: ConsoleIncident; components: ComponentChoice[] }) {
  const started = maintenance.status !== "scheduled";
  const chosen = new Set(maintenance.components.map((c) => c.id));
  return (
    <ActionForm action="editMaintenance" submit="Save changes">
      <input type="hidden" name="id" value={maintenance.id} />
      <Field label="Name" name="name">
        <input name="name" defaultValue={maintenance.name} />
      </Field>
      {!started && maintenance.scheduledFor && (
        <DateTimeField name="scheduledFor" label="Starts" instant={maintenance.scheduledFor.toISOString()} hint="Reminders follow the new time." />
      )}
      {maintenance.scheduledUntil && <DateTimeField name="scheduledUntil" label="Ends" instant={maintenance.scheduledUntil.toISOString()} />}
      <fieldset className="field">
        <legend>Components</legend>
        {components.map((c) => (
          <label key={c.id} className="check">
            <input type="checkbox" name="componentIds" value={c.id} defaultChecked={chosen.has(c.id)} /> {c.group ? `${c.group} › ` : ""}
            {c.name}
          </label>
        ))}
        <FieldError name="componentIds" />
      </fieldset>
      <Field label="Note to subscribers (optional)" name="note" hint="Sent only when notifying; otherwise the new times and components.">
        <textarea name="note" rows={2} />
      </Field>
      <label className="check">
        <input type="checkbox" name="notify" /> Tell subscribers about the change
      </label>
    </ActionForm>
  );
}

export function CancelMaintenanceForm({ maintenance }: { maintenance: ConsoleIncident }) {
  return (
    <ActionForm action="cancelMaintenance" submit="Cancel maintenance" confirm="Cancel this maintenance window? This cannot be undone." secondary>
      <input type="hidden" name="id" value={maintenance.id} />
      <MarkdownField label="Notice (Markdown)" defaultValue="This maintenance has been cancelled." rows={3} />
      <label className="check">
        <input type="checkbox" name="notify" defaultChecked /> Notify subscribers
      </label>
    </ActionForm>
  );
}
