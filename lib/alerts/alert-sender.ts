// What sending an alert needs, made once per process: the SSRF policy, a connection pool bound to
// it, the timeout. Shared by the worker's dispatcher, the `alerts test` CLI and the console's test button.
import "server-only";
import type { Agent } from "undici";
import type { CompiledPolicy } from "../checks/ssrf-guard";
import { env } from "../env";
import { VIGIL_VERSION } from "../version";
import { alertTargetPolicy } from "./destination";
import type { AlertEvent } from "./events";
import { openSecrets } from "./secret-box";
import { alertAgent, sendAlertRequest, type SendOutcome } from "./send-alert";
import { buildAlertRequest, type OpenChannel } from "./vendor-payloads";

export type AlertSender = { agent: Agent; policy: CompiledPolicy; timeoutMs: number; userAgent: string };

export async function createAlertSender(timeoutMs: number = env().ALERT_TIMEOUT_MS): Promise<AlertSender> {
  const policy = await alertTargetPolicy();
  return { agent: alertAgent(policy, timeoutMs), policy, timeoutMs, userAgent: `Vigil/${VIGIL_VERSION} (alerts)` };
}

/** A stored channel with its secrets opened; throws SealedSecretError when the key cannot open them. */
export function openChannel(row: { id: string; name: string; kind: OpenChannel["kind"]; settings: unknown; sealedSecrets: string }, key: Buffer): OpenChannel {
  return { id: row.id, name: row.name, kind: row.kind, settings: (row.settings ?? {}) as Record<string, unknown>, secrets: openSecrets(row.sealedSecrets, key) };
}

export function sendAlert(channel: OpenChannel, event: AlertEvent, sender: AlertSender, now: Date): Promise<SendOutcome> {
  return sendAlertRequest(buildAlertRequest(channel, event, now, sender.userAgent), { agent: sender.agent, policy: sender.policy, timeoutMs: sender.timeoutMs, now });
}
