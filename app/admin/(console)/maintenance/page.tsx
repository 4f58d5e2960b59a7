import Link from "next/link";
import { canEdit } from "@/lib/auth/actor";
import { requireAdmin } from "@/lib/auth/require-admin";
import { listComponentChoices, listIncidents } from "@/lib/console/incidents";
import { ActionForm, Field, FieldError } from "../../_components/action-form";
import { DateTimeField } from "../../_components/date-time-field";
import { formatTime, label } from "../../_components/format";
import { MarkdownField } from "../../_components/markdown-field";
import { NotifyToggle } from "../../_components/options";

export default async function MaintenancePage() {
  const { actor } = await requireAdmin();
  const [windows, components] = await Promise.all([listIncidents("maintenance"), listComponentChoices()]);
  return (
    <>
      <h1>Maintenance</h1>
      <div className="table-scroll"><table>
        <thead>
          <tr>
            <th>Name</th>
            <th>Status</th>
            <th>From</th>
            <th>Until</th>
          </tr>
        </thead>
        <tbody>
          {windows.map((m) => (
            <tr key={m.id}>
              <td>
                <Link href={`/admin/maintenance/${m.id}`}>{m.name}</Link>
              </td>
              <td>{label(m.status)}</td>
              <td>{formatTime(m.scheduledFor)}</td>
              <td>{formatTime(m.scheduledUntil)}</td>
            </tr>
          ))}
        </tbody>
      </table></div>
      {windows.length === 0 && <p className="empty">No maintenance yet.</p>}
      {canEdit(actor) && (
        <section aria-label="Schedule maintenance" className="card">
          <h2>Schedule maintenance</h2>
          <ActionForm action="scheduleMaintenance" submit="Schedule">
            <Field label="Name" name="name" hint="Shown to visitors and in the notices subscribers get.">
              <input name="name" />
            </Field>
            <fieldset className="field">
              <legend>Components</legend>
              {components.map((c) => (
                <label key={c.id} className="check">
                  <input type="checkbox" name="componentIds" value={c.id} /> {c.group ? `${c.group} › ` : ""}
                  {c.name}
                </label>
              ))}
              <FieldError name="componentIds" />
            </fieldset>
            <DateTimeField name="scheduledFor" label="Starts" />
            <DateTimeField name="scheduledUntil" label="Ends" />
            <MarkdownField label="What will happen (Markdown)" />
            <label className="check">
              <input type="checkbox" name="autoStart" defaultChecked /> Start automatically
            </label>
            <label className="check">
              <input type="checkbox" name="autoComplete" defaultChecked /> Complete automatically
            </label>
            <NotifyToggle />
          </ActionForm>
        </section>
      )}
    </>
  );
}
