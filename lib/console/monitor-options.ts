// The options each monitor kind accepts, described from lib/checks' own schemas (names, types,
// defaults), so the console's form always offers exactly what the probe accepts — and, in one
// place, the words people read for each option: a label and a line of help.
import { z } from "zod";
import { MonitorExpectations } from "../checks/schemas";

/** Every option key of every kind: a new option does not compile until it has words below. */
type OptionKey = { [K in keyof typeof MonitorExpectations]: keyof z.input<(typeof MonitorExpectations)[K]> }[keyof typeof MonitorExpectations];

export const MONITOR_OPTION_TEXT: Record<OptionKey, { label: string; help: string }> = {
  method: { label: "Request method", help: "HEAD fetches headers only: no keyword or JSON check then." },
  expectedStatus: { label: "Accepted status codes", help: "Comma-separated codes or ranges, e.g. 200, 301-302. Any other final status is down." },
  maxRedirects: { label: "Redirects to follow", help: "More redirects than this is down." },
  connectTimeoutMs: { label: "Connect timeout (ms)", help: "Time allowed to open each connection." },
  maxBodyBytes: { label: "Body read limit (bytes)", help: "Read at most this much of the (decoded) body; the rest is ignored." },
  keyword: { label: "Keyword", help: "Case-sensitive text to look for in the body." },
  keywordMode: { label: "Keyword must be", help: "Present: down when the text is missing. Absent: down when it appears (an error page's wording)." },
  json: { label: "JSON assertion", help: 'A JSON field and the value it must equal, e.g. {"path": "status.indicator", "equals": "none"}.' },
  maxLatencyMs: { label: "Slow above (ms)", help: "A check slower than this counts as degraded. Empty: never." },
  warnDays: { label: "Certificate warning (days left)", help: "Warn admins when the certificate has this many days left or fewer." },
  criticalDays: { label: "Certificate critical (days left)", help: "A critical warning at this many days left or fewer; an expired certificate is an outage." },
  enclosures: { label: "Episodes to check", help: "How many of the newest episodes' audio files to check; 0: none." },
  expectedAddresses: { label: "Expected addresses", help: "Comma-separated IPv4/IPv6 addresses; each must be among the A/AAAA answers." },
};

function isOptionKey(name: string): name is OptionKey {
  return Object.hasOwn(MONITOR_OPTION_TEXT, name);
}

export type MonitorOption = {
  name: OptionKey;
  label: string;
  help: string;
  /** How the form edits it: a number, a choice, text, a comma-separated list, or raw JSON. */
  input: "number" | "select" | "text" | "list" | "json";
  choices?: string[];
  placeholder: string;
};

type JsonProperty = { default?: unknown; type?: string; enum?: string[] };

function describeOption(name: string, property: JsonProperty): MonitorOption {
  // Unreachable while OptionKey holds (the schemas' keys are exactly the map's).
  if (!isOptionKey(name)) throw new Error(`monitor option ${name} has no label`);
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
  return { name, ...MONITOR_OPTION_TEXT[name], input, ...(property.enum ? { choices: property.enum } : {}), placeholder };
}

export function monitorKindOptions(): Record<string, MonitorOption[]> {
  return Object.fromEntries(
    Object.entries(MonitorExpectations).map(([kind, schema]) => {
      const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as { properties?: Record<string, JsonProperty> };
      return [kind, Object.entries(json.properties ?? {}).map(([name, property]) => describeOption(name, property))];
    }),
  );
}
