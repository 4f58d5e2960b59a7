// The SSRF guard: probes reach only public unicast addresses unless the operator allows private
// networks or allowlists a CIDR or host name. Addresses are judged where the socket is opened (the
// `lookup` handed to net/tls.connect), so DNS rebinding cannot swap the address after a check, and
// every redirect hop passes through the same door.
import "server-only";
import dns from "node:dns";
import net from "node:net";
import ipaddr from "ipaddr.js";
import { parseAllowlist, type Allowlist, type AllowlistAddress } from "./allowlist";
import { normalizeHostName, specialUseAnswer } from "./special-use-names";

export type TargetPolicy = { allowPrivateNetworks: boolean; allowlist: readonly string[] };

type Address = AllowlistAddress;
export type CompiledPolicy = Allowlist & { allowPrivateNetworks: boolean };

/** Raised inside the connect-time lookup; the socket never gets an address to connect to. */
export class BlockedTargetError extends Error {
  readonly code = "VIGIL_BLOCKED_TARGET";
}

export function compilePolicy(policy: TargetPolicy): CompiledPolicy {
  return { allowPrivateNetworks: policy.allowPrivateNetworks, ...parseAllowlist(policy.allowlist) };
}

const RANGE_NAMES: Record<string, string> = {
  unspecified: "unspecified address",
  broadcast: "broadcast",
  multicast: "multicast",
  linkLocal: "link-local, where cloud metadata services live",
  loopback: "loopback",
  carrierGradeNat: "carrier-grade NAT",
  private: "private network",
  uniqueLocal: "IPv6 unique local, private",
  deprecatedSiteLocal: "IPv6 site-local",
  reserved: "reserved",
  nat64Local: "local-use NAT64",
};

/**
 * IPv4 carried inside an IPv6 address (mapped, SIIT, well-known NAT64, 6to4): judged as the IPv4
 * it reaches, so `::ffff:127.0.0.1` is loopback while NAT64 of a public address stays public.
 */
function embeddedIPv4(address: ipaddr.IPv6): ipaddr.IPv4 | null {
  const parts = address.parts;
  const fromWords = (high: number, low: number) => new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
  switch (address.range()) {
    case "ipv4Mapped":
    case "rfc6145":
      return fromWords(parts[6]!, parts[7]!);
    case "rfc6052":
      return parts[2] === 0 ? fromWords(parts[6]!, parts[7]!) : null; // 64:ff9b::/96 only
    case "6to4":
      return fromWords(parts[1]!, parts[2]!);
    default:
      return null;
  }
}

function rangeOf(address: Address): string {
  if (address.kind() === "ipv6" && address.range() === "rfc6052") return "nat64Local"; // 64:ff9b:1::/48
  return address.range();
}

function isAllowlistedHost(hostname: string, policy: CompiledPolicy): boolean {
  const name = normalizeHostName(hostname);
  return policy.hostNames.some((entry) => (entry.startsWith(".") ? name.endsWith(entry) : name === entry));
}

function inAllowedCidr(address: Address, policy: CompiledPolicy): boolean {
  return policy.cidrs.some(([network, bits]) => network.kind() === address.kind() && address.match(network, bits));
}

/** Why `address` (reached through `hostname`) may not be probed ("10.0.0.1 (private network)"), or null. */
export function blockedAddressReason(address: string, hostname: string, policy: CompiledPolicy): string | null {
  if (policy.allowPrivateNetworks || isAllowlistedHost(hostname, policy)) return null;
  const parsed = ipaddr.parse(address);
  const embedded = parsed.kind() === "ipv6" ? embeddedIPv4(parsed as ipaddr.IPv6) : null;
  const effective = embedded ?? parsed;
  if (inAllowedCidr(parsed, policy) || inAllowedCidr(effective, policy)) return null;
  const range = rangeOf(effective);
  if (range === "unicast") return null;
  const via = embedded ? `IPv4 ${embedded.toString()} inside IPv6, ` : "";
  return `${address} (${via}${RANGE_NAMES[range] ?? `special-purpose range ${range}`})`;
}

/** Why a URL may not be fetched at all (scheme, credentials), or null. Addresses are judged later. */
export function urlBlockReason(url: URL): string | null {
  if (url.protocol !== "http:" && url.protocol !== "https:") return `only http and https URLs are probed, not ${url.protocol}`;
  if (url.username || url.password) return "URLs with credentials (user:password@host) are not probed";
  return null;
}

export const BLOCKED_TARGET_HINT =
  "to probe it, set PROBE_ALLOW_PRIVATE_NETWORKS=true or add it to PROBE_ALLOWLIST";

function notFound(hostname: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND", hostname });
}

async function resolveForConnect(hostname: string): Promise<dns.LookupAddress[]> {
  const special = specialUseAnswer(hostname);
  if (special?.kind === "not_found") throw notFound(hostname);
  if (special) return special.addresses.map((address) => ({ address, family: net.isIP(address) }));
  return dns.promises.lookup(hostname, { all: true });
}

/**
 * A `lookup` for net/tls.connect that resolves the name (RFC 6761 names locally, others through
 * the system resolver, honouring /etc/hosts), drops every blocked address and fails with
 * BlockedTargetError when none is left: the socket then never connects.
 */
export function guardedLookup(policy: CompiledPolicy): net.LookupFunction {
  const allowedAddresses = async (hostname: string, family: unknown) => {
    const resolved = await resolveForConnect(hostname);
    const wanted = family === 4 || family === 6 ? resolved.filter((candidate) => candidate.family === family) : resolved;
    const blocked: string[] = [];
    const allowed = wanted.filter((candidate) => {
      const reason = blockedAddressReason(candidate.address, hostname, policy);
      if (reason) blocked.push(reason);
      return reason === null;
    });
    if (allowed.length > 0) return allowed;
    if (blocked.length === 0) throw notFound(hostname);
    throw new BlockedTargetError(`${hostname} resolves only to blocked addresses: ${blocked.join(", ")}`);
  };
  return (hostname, options, callback) => {
    allowedAddresses(hostname, options.family).then(
      (allowed) => (options.all ? callback(null, allowed) : callback(null, allowed[0]!.address, allowed[0]!.family)),
      (error: NodeJS.ErrnoException) => callback(error, ""),
    );
  };
}
