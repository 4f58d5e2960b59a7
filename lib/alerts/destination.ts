// Where an alert may be sent: every channel URL passes the probe engine's SSRF guard — its form
// (http/https, no credentials) and the addresses it resolves to (private, loopback and link-local
// refused unless PROBE_ALLOW_PRIVATE_NETWORKS or PROBE_ALLOWLIST allow them). Judged when a channel
// is saved (a clear error) and again at every connection (DNS may change in between).
import "server-only";
import net from "node:net";
import { env } from "../env";
import { BLOCKED_TARGET_HINT, BlockedTargetError, blockedAddressReason, compilePolicy, guardedLookup, urlBlockReason, type CompiledPolicy } from "../checks/ssrf-guard";
import { bareHost } from "../checks/targets";

export function alertTargetPolicy(): CompiledPolicy {
  const config = env();
  return compilePolicy({ allowPrivateNetworks: config.PROBE_ALLOW_PRIVATE_NETWORKS, allowlist: config.PROBE_ALLOWLIST });
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
  const hint = BLOCKED_TARGET_HINT.replace("to probe it", "to send alerts there");
  if (net.isIP(host)) {
    const reason = blockedAddressReason(host, host, policy);
    return reason ? `points at ${reason}; ${hint}` : null;
  }
  const lookup = guardedLookup(policy);
  const verdict = new Promise<string | null>((resolve) => {
    lookup(host, { all: true }, (error) => resolve(error instanceof BlockedTargetError ? `${error.message}; ${hint}` : null));
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), SAVE_LOOKUP_MS)));
  try {
    return await Promise.race([verdict, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
