// The monitor form (create and edit): kind and its options, target, schedule, regions and
// thresholds — validated on the server by the probe's own schemas.
import type { ConsoleMonitor } from "@/lib/console/catalog";
import type { ComponentChoice } from "@/lib/console/incidents";
import type { MonitorOption } from "@/lib/console/monitor-options";
import { ActionForm, Field } from "./action-form";
import { MonitorKindFields } from "./monitor-kind-fields";

export type KindOptions = Record<string, MonitorOption[]>;

export function MonitorForm({ monitor, components, kindOptions }: { monitor?: ConsoleMonitor; components: ComponentChoice[]; kindOptions: KindOptions }) {
  return (
    <ActionForm action="saveMonitor" submit={monitor ? "Save monitor" : "Create monitor"}>
      {monitor && <input type="hidden" name="id" value={monitor.id} />}
      <Field label="Name" name="name">
        <input name="name" defaultValue={monitor?.name} />
      </Field>
      <Field label="Component" name="componentId">
        <select name="componentId" defaultValue={monitor?.componentId ?? ""}>
          <option value="">None</option>
          {components.map((c) => (
            <option key={c.id} value={c.id}>
              {c.group ? `${c.group} › ` : ""}
              {c.name}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Public description (optional)" name="publicDescription" hint="Said on the status page and in mail when this monitor fails, instead of Vigil's own words. The target and its address are never shown publicly.">
        <input name="publicDescription" maxLength={500} defaultValue={monitor?.publicDescription ?? ""} />
      </Field>
      <MonitorKindFields kindOptions={kindOptions} kind={monitor?.kind ?? "http"} expectations={monitor?.expectations ?? {}}>
        <Field label="Target" name="target" hint="URL for http and feed; host:port for tls and tcp; a host name for dns">
          <input name="target" defaultValue={monitor?.target} />
        </Field>
      </MonitorKindFields>
      <Field label="Check every (seconds)" name="intervalSeconds" hint="How often each region checks the target; at least 10.">
        <input name="intervalSeconds" type="number" min={10} defaultValue={monitor?.intervalSeconds ?? 60} />
      </Field>
      <Field label="Timeout (ms)" name="timeoutMs" hint="Hard budget for the whole check; slower is down.">
        <input name="timeoutMs" type="number" min={100} defaultValue={monitor?.timeoutMs ?? 10000} />
      </Field>
      <Field label="Regions" name="regions" hint="Comma-separated regions whose workers check this monitor, e.g. local or eu-west, us-east.">
        <input name="regions" defaultValue={(monitor?.regions ?? ["local"]).join(", ")} />
      </Field>
      <Field label="Quorum" name="quorum" hint="How many regions must confirm a failure. Empty: half the regions, rounded up.">
        <input name="quorum" type="number" min={1} defaultValue={monitor?.quorum ?? ""} />
      </Field>
      <Field label="Failures before down" name="failureThreshold" hint="Failed checks in a row that confirm an outage: one failure is not an outage.">
        <input name="failureThreshold" type="number" min={1} defaultValue={monitor?.failureThreshold ?? 3} />
      </Field>
      <Field label="Successes before up" name="recoveryThreshold" hint="Good checks in a row that confirm a recovery (and that a new monitor is up).">
        <input name="recoveryThreshold" type="number" min={1} defaultValue={monitor?.recoveryThreshold ?? 2} />
      </Field>
      <label className="check">
        <input type="checkbox" name="paused" defaultChecked={monitor ? !monitor.enabled : false} /> Paused
      </label>
    </ActionForm>
  );
}
