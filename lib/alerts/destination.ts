// Where an alert may be sent: every channel URL passes the probe engine's SSRF guard — its form
// (http/https, no credentials) and the addresses it resolves to (private, loopback and link-local
// refused unless PROBE_ALLOW_PRIVATE_NETWORKS or PROBE_ALLOWLIST allow them; this machine and
// Vigil's own ports too) — the probes' own policy, without their self-check exemption. Judged when
// a channel is saved (a clear error) and again at every connection (DNS may change in between).
import "server-only";
import net from "node:net";
import { env } from "../env";
import { probePolicy } from "../checks/probe-policy";
import { BLOCKED_ADDRESS_HINT, BlockedAddressError, blockedAddressReason, compilePolicy, guardedLookup, urlBlockReason, type CompiledPolicy } from "../checks/ssrf-guard";
import { bareHost } from "../checks/targets";

export async function alertTargetPolicy(): Promise<CompiledPolicy> {
  // Vigil's self-check URLs are exempt for probes only: an alert is never "Vigil checking itself".
  return compilePolicy({ ...(await probePolicy(env())), selfCheckUrls: [] });
}

/** What to tell an operator whose channel URL was refused. */
export const ALERT_BLOCKED_HINT = BLOCKED_ADDRESS_HINT.replace("to probe it", "to send alerts there");

/** The port a URL connects to. */
export function portOf(url: URL): number {
  return url.port ? Number(url.port) : url.protocol === "https:" ? 443 : 80;
}

/** How long saving a channel waits for DNS; an unresolvable name is judged again when sending. */
const SAVE_LOOKUP_MS = 3_000;

/**
 * Why alerts may not go to `value` ("… resolves only to blocked addresses: 10.0.0.5 (private
 * network); to allow it …"), or null. The URL itself is never echoed: its path may be the secret.
 */
export async function destinationProblem(value: string, policy: CompiledPolicy): Promise<string | null> {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "is not a valid URL";
  }
  const blocked = urlBlockReason(url);
  if (blocked) return blocked.replace("are probed", "receive alerts").replace("are not probed", "are refused");
  const host = bareHost(url.hostname);
  if (net.isIP(host)) {
    const reason = blockedAddressReason(host, host, policy, portOf(url));
    return reason ? `points at ${reason}; ${ALERT_BLOCKED_HINT}` : null;
  }
  const lookup = guardedLookup(policy, portOf(url));
  const verdict = new Promise<string | null>((resolve) => {
    lookup(host, { all: true }, (error) => resolve(error instanceof BlockedAddressError ? `${error.message}; ${ALERT_BLOCKED_HINT}` : null));
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), SAVE_LOOKUP_MS)));
  try {
    return await Promise.race([verdict, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
