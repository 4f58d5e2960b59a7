// The options each monitor kind accepts, described from lib/checks' own schemas (names, types,
// defaults, descriptions), so the console's form always offers exactly what the probe accepts.
import { z } from "zod";
import { MonitorExpectations } from "../checks/schemas";

export type MonitorOption = {
  name: string;
  about: string;
  /** How the form edits it: a number, a choice, text, a comma-separated list, or raw JSON. */
  input: "number" | "select" | "text" | "list" | "json";
  choices?: string[];
  placeholder: string;
};

type JsonProperty = { description?: string; default?: unknown; type?: string; enum?: string[] };

function describeOption(name: string, property: JsonProperty): MonitorOption {
  const input: MonitorOption["input"] = property.enum
    ? "select"
    : property.type === "integer" || property.type === "number"
      ? "number"
      : property.type === "array"
        ? "list"
        : property.type === "string"
          ? "text"
          : "json";
  const placeholder = property.default === undefined ? "" : Array.isArray(property.default) ? property.default.join(", ") : String(property.default);
  return { name, about: property.description ?? "", input, ...(property.enum ? { choices: property.enum } : {}), placeholder };
}

export function monitorKindOptions(): Record<string, MonitorOption[]> {
  return Object.fromEntries(
    Object.entries(MonitorExpectations).map(([kind, schema]) => {
      const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as { properties?: Record<string, JsonProperty> };
      return [kind, Object.entries(json.properties ?? {}).map(([name, property]) => describeOption(name, property))];
    }),
  );
}
