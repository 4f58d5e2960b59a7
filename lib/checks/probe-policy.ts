// The network policy of every outbound request Vigil makes for a monitor, built from the
// environment in one place: PROBE_ALLOW_PRIVATE_NETWORKS, PROBE_ALLOWLIST, this machine (its
// interface addresses, PUBLIC_URL's addresses, the ports Vigil listens on) and Vigil's own
// self-check URLs. Probes, "Run now", the probe CLI and saving a monitor all use it.
import "server-only";
import os from "node:os";
import { publicHostname, publicUrl, type Env } from "../env";
import { resolveWithin, type OwnHost, type TargetPolicy } from "./ssrf-guard";
import { bareHost } from "./targets";

/** How long resolving PUBLIC_URL's host may take before its addresses are left out. */
const RESOLVE_BUDGET_MS = 2_000;

/**
 * Vigil checking itself: the demo page's monitors and the default canary. Only these exact URLs
 * (scheme, host, port, path) are fetched whatever they resolve to; any other URL on the same host
 * is judged like every other target.
 */
export function selfCheckUrls(base: string): { page: string; health: string } {
  return { page: `${base}/`, health: `${base}/api/health` };
}

function portOf(url: URL, fallback: number): number {
  return url.port ? Number(url.port) : fallback;
}

/** The ports Vigil listens on: web (and the public port in front of it), metrics, PostgreSQL. */
export function ownPorts(config: Env): number[] {
  const databases = [config.DATABASE_URL, config.DATABASE_SESSION_URL].filter((url): url is string => url !== undefined);
  const page = new URL(publicUrl(config));
  const ports = [
    config.PORT,
    config.METRICS_PORT,
    config.WORKER_METRICS_PORT,
    portOf(page, page.protocol === "https:" ? 443 : 80),
    ...(databases.length > 0 ? databases.map((url) => portOf(new URL(url), 5432)) : [config.EMBEDDED_POSTGRES_PORT]),
  ];
  return [...new Set(ports.filter((port): port is number => port !== undefined))].toSorted((a, b) => a - b);
}

/** The addresses of this machine's interfaces (IPv6 without a zone); none where the system will not tell. */
function interfaceAddresses(): string[] {
  let interfaces: ReturnType<typeof os.networkInterfaces>;
  try {
    interfaces = os.networkInterfaces();
  } catch {
    return []; // loopback is judged as this machine regardless
  }
  return Object.values(interfaces).flatMap((entries) => (entries ?? []).map((entry) => entry.address.replace(/%.*$/, "")));
}

export async function ownHost(config: Env): Promise<OwnHost> {
  // PUBLIC_URL's host counts without its addresses when it does not resolve in time; the interfaces still do.
  const addresses = [...interfaceAddresses(), ...(await resolveWithin(bareHost(publicHostname(config)), RESOLVE_BUDGET_MS))];
  return { addresses: [...new Set(addresses)], ports: ownPorts(config) };
}

/** The policy for probes run with this environment. Resolves PUBLIC_URL's host: refresh it now and then. */
export async function probePolicy(config: Env): Promise<TargetPolicy> {
  const self = selfCheckUrls(publicUrl(config));
  return {
    allowPrivateNetworks: config.PROBE_ALLOW_PRIVATE_NETWORKS,
    allowlist: config.PROBE_ALLOWLIST,
    ownHost: await ownHost(config),
    selfCheckUrls: [self.page, self.health],
  };
}
