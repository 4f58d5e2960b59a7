// The <option>s of a select over a fixed vocabulary (statuses, roles), labelled readably.
import { Field } from "./action-form";
import { label } from "./format";

export function Options({ values }: { values: readonly string[] }) {
  return values.map((value) => (
    <option key={value} value={value}>
      {label(value)}
    </option>
  ));
}

/** The status of an incident, template or maintenance update. */
export function StatusField({ values, defaultValue }: { values: readonly string[]; defaultValue: string }) {
  return (
    <Field label="Status" name="status">
      <select name="status" defaultValue={defaultValue}>
        <Options values={values} />
      </select>
    </Field>
  );
}

/** "Notify subscribers", on unless unticked: an update nobody hears about should be a choice. */
export function NotifyToggle() {
  return (
    <label className="check">
      <input type="checkbox" name="notify" defaultChecked /> Notify subscribers
    </label>
  );
}
