// The options each monitor kind accepts, described from lib/checks' own schemas (names, defaults,
// descriptions), so the console's help text is always what the probe accepts.
import { z } from "zod";
import { MonitorExpectations } from "../checks/schemas";

export type MonitorOption = { name: string; about: string };

export function monitorKindOptions(): Record<string, MonitorOption[]> {
  return Object.fromEntries(
    Object.entries(MonitorExpectations).map(([kind, schema]) => {
      const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as { properties?: Record<string, { description?: string; default?: unknown }> };
      const options = Object.entries(json.properties ?? {}).map(([name, property]) => ({
        name,
        about: [property.description, property.default !== undefined ? `default ${JSON.stringify(property.default)}` : ""].filter(Boolean).join(", "),
      }));
      return [kind, options];
    }),
  );
}
