import { notFound } from "next/navigation";
import { canEdit } from "@/lib/auth/actor";
import { requireAdmin } from "@/lib/auth/require-admin";
import { listComponentChoices, readIncident } from "@/lib/console/incidents";
import { renderMarkdown } from "@/lib/markdown/render-markdown";
import { ActionForm } from "../../../_components/action-form";
import { formatTime, label } from "../../../_components/format";
import { CancelMaintenanceForm, EditMaintenanceForm } from "../../../_components/maintenance-edit-forms";
import { MarkdownField } from "../../../_components/markdown-field";
import { NotifyToggle, StatusField } from "../../../_components/options";

const ORDER = ["scheduled", "in_progress", "verifying", "completed"] as const;

export default async function MaintenanceWindowPage({ params }: { params: Promise<{ id: string }> }) {
  const { actor } = await requireAdmin();
  const maintenance = await readIncident((await params).id);
  if (!maintenance || maintenance.kind !== "maintenance") notFound();
  const position = ORDER.indexOf(maintenance.status as (typeof ORDER)[number]);
  const next = ORDER.slice(Math.max(position, 0));
  const open = maintenance.status !== "completed" && maintenance.status !== "cancelled";
  const editor = canEdit(actor);
  const components = editor && open ? await listComponentChoices() : [];
  return (
    <>
      <h1>{maintenance.name}</h1>
      <p data-testid="maintenance-status">
        {label(maintenance.status)} · {formatTime(maintenance.scheduledFor)} → {formatTime(maintenance.scheduledUntil)} · {maintenance.components.map((c) => c.name).join(", ")}
      </p>
      {editor && open && (
        <section aria-label="Update maintenance" className="card">
          <h2>Post an update</h2>
          <ActionForm action="postMaintenanceUpdate" submit="Post update">
            <input type="hidden" name="id" value={maintenance.id} />
            <StatusField values={next} defaultValue={maintenance.status} />
            <MarkdownField />
            <NotifyToggle />
          </ActionForm>
        </section>
      )}
      {editor && open && (
        <section aria-label="Edit maintenance" className="card">
          <h2>Reschedule or change</h2>
          <EditMaintenanceForm maintenance={maintenance} components={components} />
        </section>
      )}
      {editor && maintenance.status === "scheduled" && (
        <section aria-label="Cancel maintenance" className="card">
          <h2>Cancel</h2>
          <CancelMaintenanceForm maintenance={maintenance} />
        </section>
      )}
      <ol className="timeline">
        {maintenance.updates.map((u) => (
          <li key={u.id}>
            <p>
              <strong>{label(u.status)}</strong> · {formatTime(u.displayAt)} · {u.author}
            </p>
            <div className="markdown" dangerouslySetInnerHTML={{ __html: renderMarkdown(u.body) }} />
          </li>
        ))}
      </ol>
    </>
  );
}
