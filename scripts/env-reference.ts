// The environment-variable reference in docs/configuration.md, rendered from lib/env.ts's zod
// schema through zod's JSON Schema conversion, so names, types, bounds, defaults and descriptions
// have one source. scripts/config-reference.ts writes it; env-reference.test.ts fails when the
// committed document differs from what would be written now.
import { z } from "zod";
import { EnvSchema } from "../lib/env";

export const ENV_START = "<!-- env:start -->";
export const ENV_END = "<!-- env:end -->";

type JsonProperty = {
  type?: string;
  format?: string;
  enum?: unknown[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  default?: unknown;
  description?: string;
};
type JsonObject = { properties?: Record<string, JsonProperty>; required?: string[] };

const code = (value: unknown) => `\`${typeof value === "string" ? value : JSON.stringify(value)}\``;

/** What a user may write, in words: the input side of the schema (environment values are text). */
function describeType(input: JsonProperty, output: JsonProperty | undefined): string {
  // z.stringbool reads a string and yields a boolean: the boolean is what it means.
  if (output?.type === "boolean") return "boolean";
  if (input.enum) return `one of ${input.enum.map(code).join(", ")}`;
  if (input.type === "integer" || input.type === "number") {
    const { minimum: min, maximum: max } = input;
    const bounds = min !== undefined && max !== undefined ? ` ${min}–${max}` : min !== undefined ? ` ≥ ${min}` : max !== undefined ? ` ≤ ${max}` : "";
    return `${input.type}${bounds}`;
  }
  if (input.format === "uri") return "URL";
  if (input.format === "email") return "email address";
  if (input.pattern) return `string matching ${code(input.pattern)}`;
  if (input.minLength !== undefined && input.minLength > 1) return `string of at least ${input.minLength} characters`;
  return input.type ?? "any";
}

function describeDefault(input: JsonProperty, output: JsonProperty | undefined): string {
  const value = input.default ?? output?.default;
  if (value === undefined) return "unset";
  if (value === "") return "empty";
  return code(value);
}

/** The Markdown that goes between the env markers: an index of defaults, then one section per variable. */
export function renderEnvReference(schema: z.ZodObject = EnvSchema): string {
  const input = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonObject;
  const output = z.toJSONSchema(schema, { io: "output", unrepresentable: "any" }) as JsonObject;
  const required = new Set(input.required ?? []);
  const entries = Object.entries(input.properties ?? {});
  const index = entries.map(([name, property]) => `| [${code(name)}](#${name.toLowerCase()}) | ${describeDefault(property, output.properties?.[name])} |`);
  const sections = entries.map(([name, property]) => {
    const other = output.properties?.[name];
    if (!property.description) throw new Error(`${name} in lib/env.ts has no .describe(): say what it does, its default and an example`);
    const facts = [
      `Type: ${describeType(property, other)}`,
      `Default: ${describeDefault(property, other)}`,
      required.has(name) ? "**Required**" : "Optional",
    ];
    return `### ${code(name)}\n\n${property.description}\n\n${facts.join(" · ")}`;
  });
  return [
    "<!-- Generated from lib/env.ts by `npm run -s docs:config`; edit the descriptions there, not here. -->",
    "",
    "| Variable | Default |",
    "| --- | --- |",
    ...index,
    "",
    sections.join("\n\n"),
  ].join("\n");
}

/** The document with its env section replaced by `generated`; throws when the markers are missing. */
export function withEnvReference(document: string, generated: string): string {
  const start = document.indexOf(ENV_START);
  const end = document.indexOf(ENV_END);
  if (start === -1 || end < start) throw new Error(`the document needs ${ENV_START} … ${ENV_END} markers, in that order`);
  return `${document.slice(0, start + ENV_START.length)}\n${generated}\n${document.slice(end)}`;
}
