// The monitor form (create and edit): kind, target, schedule, regions, thresholds, and the kind's
// options as JSON, validated by the probe's own schemas.
import type { ConsoleMonitor } from "@/lib/console/catalog";
import type { ComponentChoice } from "@/lib/console/incidents";
import { ActionForm, Field } from "./action-form";

export type KindOptions = Record<string, { name: string; about: string }[]>;

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
      <Field label="Kind" name="kind">
        <select name="kind" defaultValue={monitor?.kind ?? "http"}>
          <option value="http">HTTP(S) request</option>
          <option value="tls">TLS certificate</option>
          <option value="feed">Podcast/RSS feed</option>
          <option value="dns">DNS resolution</option>
          <option value="tcp">TCP connect</option>
        </select>
      </Field>
      <Field label="Target" name="target" hint="URL for http and feed; host:port for tls and tcp; a host name for dns">
        <input name="target" defaultValue={monitor?.target} />
      </Field>
      <Field label="Interval (seconds)" name="intervalSeconds">
        <input name="intervalSeconds" type="number" min={10} defaultValue={monitor?.intervalSeconds ?? 60} />
      </Field>
      <Field label="Timeout (ms)" name="timeoutMs">
        <input name="timeoutMs" type="number" min={100} defaultValue={monitor?.timeoutMs ?? 10000} />
      </Field>
      <Field label="Regions (comma-separated)" name="regions">
        <input name="regions" defaultValue={(monitor?.regions ?? ["local"]).join(", ")} />
      </Field>
      <Field label="Quorum (empty: half the regions, rounded up)" name="quorum">
        <input name="quorum" type="number" min={1} defaultValue={monitor?.quorum ?? ""} />
      </Field>
      <Field label="Failures before down" name="failureThreshold">
        <input name="failureThreshold" type="number" min={1} defaultValue={monitor?.failureThreshold ?? 3} />
      </Field>
      <Field label="Successes before up" name="recoveryThreshold">
        <input name="recoveryThreshold" type="number" min={1} defaultValue={monitor?.recoveryThreshold ?? 2} />
      </Field>
      <Field label="Options (JSON)" name="expectations">
        <textarea name="expectations" rows={4} defaultValue={JSON.stringify(monitor?.expectations ?? {}, null, 2)} className="code" />
      </Field>
      <details className="hint">
        <summary>Options per kind</summary>
        {Object.entries(kindOptions).map(([kind, options]) => (
          <p key={kind}>
            <strong>{kind}</strong>: {options.map((o) => `${o.name}${o.about ? ` (${o.about})` : ""}`).join("; ")}
          </p>
        ))}
      </details>
      <label className="inline">
        <input type="checkbox" name="paused" defaultChecked={monitor ? !monitor.enabled : false} /> Paused
      </label>
    </ActionForm>
  );
}
