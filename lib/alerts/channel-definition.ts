// A channel as stored: its settings (plain), its secrets (sealed), and for secrets given as
// `${ENV_NAME}` the name (so an export writes the reference back, never the value). Resolving and
// judging happen before anything is written, so a bad channel changes nothing.
import "server-only";
import type { CompiledPolicy } from "../checks/ssrf-guard";
import { StartupError } from "../errors";
import { destinationProblem } from "./destination";
import { envReferenceName, SECRET_FIELDS, type AlertChannelKind, type ConfigAlertChannel } from "./schemas";

export type ChannelDefinition = {
  name: string;
  kind: AlertChannelKind;
  enabled: boolean;
  settings: Record<string, unknown>;
  secrets: Record<string, string>;
  secretRefs: Record<string, string>;
};

export type ChannelProblem = { field: string; message: string };

/** A StartupError: `npm start` and `config apply` refuse a file with a bad channel and say why. */
export class ChannelDefinitionError extends StartupError {
  constructor(
    readonly channel: string,
    readonly problems: ChannelProblem[],
  ) {
    super(problems.map((problem) => `alert channel "${channel}" ${problem.field}: ${problem.message}`).join("\n"));
  }
}

/** The URL each kind sends to: a secret field (webhook URLs carry their token) or a setting. */
export function destinationOf(kind: AlertChannelKind, settings: Record<string, unknown>, secrets: Record<string, string>): string | null {
  if (kind === "email") return null;
  if (kind === "pagerduty" || kind === "ntfy") return String(settings.url);
  return secrets.url ?? null;
}

/**
 * Splits a parsed channel into settings and secrets, resolving `${ENV_NAME}` references with
 * `lookup`, and judges its destination with the SSRF guard. Throws ChannelDefinitionError listing
 * every problem (an unset variable, a private address) without echoing a secret.
 */
export async function defineChannel(channel: ConfigAlertChannel, lookup: (name: string) => string | undefined, policy: CompiledPolicy): Promise<ChannelDefinition> {
  const secretFields = new Set(SECRET_FIELDS[channel.kind]);
  const settings: Record<string, unknown> = {};
  const secrets: Record<string, string> = {};
  const secretRefs: Record<string, string> = {};
  const problems: ChannelProblem[] = [];
  for (const [field, value] of Object.entries(channel)) {
    if (field === "name" || field === "kind" || field === "enabled" || value === undefined) continue;
    if (!secretFields.has(field)) {
      settings[field] = value;
      continue;
    }
    const reference = envReferenceName(value as string);
    const resolved = reference ? lookup(reference) : (value as string);
    if (reference) secretRefs[field] = reference;
    if (resolved === undefined) problems.push({ field, message: `\${${reference}} is not set in the environment` });
    else secrets[field] = resolved.trim();
  }
  if (problems.length === 0) {
    const destination = destinationOf(channel.kind, settings, secrets);
    const problem = destination === null ? null : await destinationProblem(destination, policy);
    if (problem) problems.push({ field: "url", message: problem });
    if (channel.kind === "webhook" && (secrets.secret?.length ?? 0) < 16) problems.push({ field: "secret", message: "must be at least 16 characters" });
  }
  if (problems.length > 0) throw new ChannelDefinitionError(channel.name, problems);
  return { name: channel.name, kind: channel.kind, enabled: channel.enabled, settings, secrets, secretRefs };
}
