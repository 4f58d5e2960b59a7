// Judging a monitor's target when it is saved, so an edit that points a monitor at an address the
// probes would refuse is turned down at once (and audit-logged) instead of being saved to fail on
// every check. This is a courtesy and a record, not the guard: probes judge every connection again
// (DNS may answer differently later, and regions may have other allowlists).
import "server-only";
import net from "node:net";
import type { MonitorKind } from "./schemas";
import { blockedAddressReason, policyForUrl, resolveWithin, urlBlockReason, type CompiledPolicy } from "./ssrf-guard";
import { bareHost, parseDnsName, parseHostPort, parseHttpUrl, parseTlsTarget } from "./targets";

/** Saving a monitor waits at most this long for DNS; an unresolved name is left to the probes. */
const RESOLVE_BUDGET_MS = 2_000;

type Endpoint = { host: string; port?: number; policy: CompiledPolicy } | { refused: string };

function endpointOf(kind: MonitorKind, target: string, policy: CompiledPolicy): Endpoint | null {
  switch (kind) {
    case "http":
    case "feed": {
      const url = parseHttpUrl(target);
      if (!url) return null;
      const refused = urlBlockReason(url);
      if (refused) return { refused };
      return { host: bareHost(url.hostname), port: Number(url.port || (url.protocol === "https:" ? 443 : 80)), policy: policyForUrl(url, policy) };
    }
    case "tls":
    case "tcp": {
      const hostPort = kind === "tls" ? parseTlsTarget(target) : parseHostPort(target);
      return hostPort ? { ...hostPort, policy } : null;
    }
    case "dns": {
      const name = parseDnsName(target);
      return name ? { host: name, policy } : null;
    }
  }
}

/** Why the probes would refuse every address of this target, or null (also when it does not resolve). */
export async function blockedTargetReason(check: { kind: MonitorKind; target: string }, policy: CompiledPolicy): Promise<string | null> {
  const endpoint = endpointOf(check.kind, check.target, policy);
  if (!endpoint) return null;
  if ("refused" in endpoint) return endpoint.refused;
  const { host, port } = endpoint;
  const addresses = net.isIP(host) ? [host] : await resolveWithin(host, RESOLVE_BUDGET_MS);
  const reasons = addresses.map((address) => blockedAddressReason(address, host, endpoint.policy, port));
  if (reasons.length === 0 || reasons.includes(null)) return null;
  return net.isIP(host) ? `${reasons[0]} is blocked` : `${host} resolves only to blocked addresses: ${reasons.join(", ")}`;
}
