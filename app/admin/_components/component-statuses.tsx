// Per-component status choice for incident forms: `component:<id>` = new status, "" = unchanged/not affected.
import { COMPONENT_STATUS_LABELS } from "@/lib/status/component-status";
import type { ComponentChoice } from "@/lib/console/incidents";
import { FieldError } from "./action-form";

const STATUSES = ["operational", "degraded_performance", "partial_outage", "major_outage"] as const;

/** `labelFor`: each select's accessible name, distinct from the update form's when a page has both. */
export function ComponentStatuses({
  components,
  emptyLabel,
  defaults = {},
  labelFor = (name) => `Status of ${name}`,
}: {
  components: ComponentChoice[];
  emptyLabel: string;
  defaults?: Record<string, string>;
  labelFor?: (name: string) => string;
}) {
  return (
    <fieldset className="field">
      <legend>Affected components</legend>
      {components.length === 0 && <p className="empty">No components yet.</p>}
      {components.map((c) => (
        <label key={c.id} className="inline">
          <span>
            {c.group ? `${c.group} › ` : ""}
            {c.name} <span className="muted">(now {COMPONENT_STATUS_LABELS[c.status]})</span>
          </span>
          <select name={`component:${c.id}`} defaultValue={defaults[c.id] ?? ""} aria-label={labelFor(c.name)}>
            <option value="">{emptyLabel}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {COMPONENT_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
      ))}
      <FieldError name="components" />
    </fieldset>
  );
}
