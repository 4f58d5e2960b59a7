// The <option>s of a select over a fixed vocabulary (statuses, roles), labelled readably.
import { label } from "./format";

export function Options({ values }: { values: readonly string[] }) {
  return values.map((value) => (
    <option key={value} value={value}>
      {label(value)}
    </option>
  ));
}
