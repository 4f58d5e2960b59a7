import { notFound } from "next/navigation";
import { canEdit } from "@/lib/auth/actor";
import { requireAdmin } from "@/lib/auth/require-admin";
import { readMonitor } from "@/lib/console/catalog";
import { latestResults } from "@/lib/console/dashboard";
import { listComponentChoices } from "@/lib/console/incidents";
import { monitorKindOptions } from "@/lib/console/monitor-options";
import { ActionForm } from "../../../_components/action-form";
import { formatTime } from "../../../_components/format";
import { MonitorForm } from "../../../_components/monitor-form";
import { RunNow } from "../../../_components/run-now";

export default async function MonitorPage({ params }: { params: Promise<{ id: string }> }) {
  const { actor } = await requireAdmin();
  const monitor = await readMonitor((await params).id);
  if (!monitor) notFound();
  const last = (await latestResults([monitor.id])).get(monitor.id);
  const editable = canEdit(actor) && !monitor.managedByConfig;
  return (
    <>
      <h1>{monitor.name}</h1>
      <p>
        {monitor.kind} · <span className="code">{monitor.target}</span> · every {monitor.intervalSeconds} s · state{" "}
        <strong className={`state-${monitor.state}`} data-testid="monitor-state">
          {monitor.enabled ? monitor.state : "paused"}
        </strong>
        {monitor.enabled && monitor.state === "unknown" && ` (confirmed after ${monitor.recoveryThreshold} good or ${monitor.failureThreshold} failed checks in a row)`}
        {last && ` · last result ${last.state} (${last.reasonCodes.join(", ")}) at ${formatTime(last.checkedAt)}`}
      </p>
      {monitor.managedByConfig && <p className="hint">Managed by the configuration file: change it there.</p>}
      {canEdit(actor) && <RunNow monitorId={monitor.id} />}
      {editable && (
        <>
          <ActionForm action="pauseMonitor" submit={monitor.enabled ? "Pause" : "Resume"} secondary>
            <input type="hidden" name="id" value={monitor.id} />
            <input type="hidden" name="paused" value={monitor.enabled ? "true" : "false"} />
          </ActionForm>
          <h2>Settings</h2>
          <MonitorForm monitor={monitor} components={await listComponentChoices()} kindOptions={monitorKindOptions()} />
          <ActionForm action="deleteMonitor" submit="Delete monitor" confirm={`Delete ${monitor.name} and its results?`} secondary>
            <input type="hidden" name="id" value={monitor.id} />
          </ActionForm>
        </>
      )}
    </>
  );
}
