// The SSRF guard: every outbound connection Vigil makes for a monitor (probes, redirect hops, AIA
// downloads) reaches only public unicast addresses that are not this machine, unless the operator
// allows more. Addresses are judged where the socket is opened (the `lookup` handed to
// net/tls.connect, with the port), so DNS rebinding cannot swap the address after a check, and every
// redirect hop passes through the same door. The rules in words are in docs/operator-guide.md,
// "What probes may reach".
import "server-only";
import dns from "node:dns";
import net from "node:net";
import ipaddr from "ipaddr.js";
import { parseAllowlist, type Allowlist, type AllowlistAddress } from "./allowlist";
import { normalizeHostName, specialUseAnswer } from "./special-use-names";

/**
 * This machine as a probe would see it, besides loopback (always its own): the addresses of its
 * interfaces and of PUBLIC_URL's host, and the ports Vigil itself listens on (web, metrics,
 * PostgreSQL). Built from the environment by probePolicy (probe-policy.ts).
 */
export type OwnHost = { addresses: readonly string[]; ports: readonly number[] };

export type TargetPolicy = {
  /** PROBE_ALLOW_PRIVATE_NETWORKS: loopback, private, link-local… and this machine's addresses, except Vigil's own ports. */
  allowPrivateNetworks: boolean;
  /** PROBE_ALLOWLIST: CIDRs, addresses and host names reachable whatever they are, Vigil's own ports included. */
  allowlist: readonly string[];
  ownHost: OwnHost;
  /** Exact URLs fetched whatever they resolve to: Vigil checking itself (the demo monitors, the canary). */
  selfCheckUrls: readonly string[];
};

type Address = AllowlistAddress;
export type CompiledPolicy = Allowlist & {
  allowPrivateNetworks: boolean;
  ownAddresses: readonly Address[];
  ownPorts: ReadonlySet<number>;
  selfCheckUrls: ReadonlySet<string>;
};

/** Raised inside the connect-time lookup; the socket never gets an address to connect to. */
export class BlockedAddressError extends Error {
  readonly code = "VIGIL_BLOCKED_ADDRESS";
}

/** A URL as compared with the self-check list: scheme, host, port, path and query, without fragment. */
function exactUrl(url: URL): string {
  const copy = new URL(url);
  copy.hash = "";
  return copy.href;
}

export function compilePolicy(policy: TargetPolicy): CompiledPolicy {
  if (lastCompiled && samePolicy(lastCompiled.policy, policy)) return lastCompiled.compiled;
  const compiled = compileAnew(policy);
  lastCompiled = { policy, compiled };
  return compiled;
}

/**
 * Every check compiles the policy it runs under, and the probe runner hands them all the same one
 * (probePolicy's, built anew every five minutes): it is compiled once, not once per check.
 */
let lastCompiled: { policy: TargetPolicy; compiled: CompiledPolicy } | undefined;

const samePolicy = (a: TargetPolicy, b: TargetPolicy) =>
  a.allowPrivateNetworks === b.allowPrivateNetworks && a.allowlist === b.allowlist && a.ownHost === b.ownHost && a.selfCheckUrls === b.selfCheckUrls;

function compileAnew(policy: TargetPolicy): CompiledPolicy {
  return {
    allowPrivateNetworks: policy.allowPrivateNetworks,
    ...parseAllowlist(policy.allowlist),
    ownAddresses: policy.ownHost.addresses.filter((address) => net.isIP(address)).map(parseAddress),
    ownPorts: new Set(policy.ownHost.ports),
    selfCheckUrls: new Set(policy.selfCheckUrls.map((url) => exactUrl(new URL(url)))),
  };
}

const UNRESTRICTED: CompiledPolicy = compilePolicy({ allowPrivateNetworks: true, allowlist: [], ownHost: { addresses: [], ports: [] }, selfCheckUrls: [] });

/** The policy for fetching `url`: unrestricted for one of Vigil's exact self-check URLs, else `policy`. */
export function policyForUrl(url: URL, policy: CompiledPolicy): CompiledPolicy {
  return policy.selfCheckUrls.has(exactUrl(url)) ? UNRESTRICTED : policy;
}

const RANGE_NAMES: Record<string, string> = {
  unspecified: "unspecified address, which reaches this machine",
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
  ipv4Compatible: "deprecated IPv4-compatible IPv6",
};

/**
 * An address in one canonical form. IPv6 goes through the URL parser first: ipaddr.js reads
 * "::a.b.c.d" as IPv4-mapped, while it is the IPv4-compatible ::a.b.c.d (and "::0.0.0.1" is ::1).
 */
function parseAddress(address: string): Address {
  const text = net.isIPv6(address) ? new URL(`http://[${address}]/`).hostname.slice(1, -1) : address;
  return ipaddr.parse(text);
}

/** ::/96 other than :: and ::1: IPv4-compatible IPv6 (RFC 4291, deprecated; unused on the internet). */
function isIPv4Compatible(address: ipaddr.IPv6): boolean {
  return address.parts.slice(0, 6).every((part) => part === 0) && address.range() === "unicast";
}

/**
 * IPv4 carried inside an IPv6 address (mapped, SIIT, well-known NAT64, 6to4, compatible): judged
 * as the IPv4 it reaches, so `::ffff:127.0.0.1` is loopback while NAT64 of a public address stays
 * public.
 */
function embeddedIPv4(address: ipaddr.IPv6): ipaddr.IPv4 | null {
  const parts = address.parts;
  const fromWords = (high: number, low: number) => new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
  if (isIPv4Compatible(address)) return fromWords(parts[6]!, parts[7]!);
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
  if (address.kind() === "ipv6" && isIPv4Compatible(address as ipaddr.IPv6)) return "ipv4Compatible";
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

const sameAddress = (a: Address, b: Address) => a.kind() === b.kind() && a.toNormalizedString() === b.toNormalizedString();

/** Loopback and the unspecified address always reach this machine; its other addresses are listed. */
function isOwnAddress(candidates: readonly Address[], policy: CompiledPolicy): boolean {
  return candidates.some(
    (candidate) => ["loopback", "unspecified"].includes(candidate.range()) || policy.ownAddresses.some((own) => sameAddress(own, candidate)),
  );
}

/**
 * Why `address` (reached through `hostname`, on `port` when connecting) may not be probed, e.g.
 * "10.0.0.1 (private network)", or null. In order: PROBE_ALLOWLIST allows; Vigil's own ports on
 * this machine are refused; PROBE_ALLOW_PRIVATE_NETWORKS allows; special-purpose ranges and this
 * machine's addresses are refused; anything else is public.
 */
export function blockedAddressReason(address: string, hostname: string, policy: CompiledPolicy, port?: number): string | null {
  let verdicts = verdictsByPolicy.get(policy);
  if (!verdicts) verdictsByPolicy.set(policy, (verdicts = new Map()));
  const key = `${address} ${hostname} ${port ?? ""}`;
  let verdict = verdicts.get(key);
  if (verdict === undefined) {
    if (verdicts.size >= MAX_VERDICTS) verdicts.clear();
    verdict = judgeAddress(address, hostname, policy, port);
    verdicts.set(key, verdict);
  }
  return verdict;
}

/**
 * Verdicts per compiled policy and (address, host name, port): a monitor reaches the same address
 * check after check, and judging it anew (parsing it, comparing it with each of this machine's
 * addresses) took about 50 µs of a check's 3 ms in a profile at 1,000 monitors. Bounded, so memory
 * stays flat however many targets there are.
 */
const verdictsByPolicy = new WeakMap<CompiledPolicy, Map<string, string | null>>();
const MAX_VERDICTS = 10_000;

function judgeAddress(address: string, hostname: string, policy: CompiledPolicy, port?: number): string | null {
  const parsed = parseAddress(address);
  const embedded = parsed.kind() === "ipv6" ? embeddedIPv4(parsed as ipaddr.IPv6) : null;
  const effective = embedded ?? parsed;
  if (isAllowlistedHost(hostname, policy) || inAllowedCidr(parsed, policy) || inAllowedCidr(effective, policy)) return null;
  const via = embedded ? `IPv4 ${embedded.toString()} inside IPv6, ` : "";
  const own = isOwnAddress([parsed, effective], policy);
  if (own && port !== undefined && policy.ownPorts.has(port)) return `${address} port ${port} (${via}Vigil's own port on this machine)`;
  if (policy.allowPrivateNetworks) return null;
  const range = rangeOf(parsed) === "ipv4Compatible" ? "ipv4Compatible" : rangeOf(effective);
  if (range !== "unicast") return `${address} (${via}${RANGE_NAMES[range] ?? `special-purpose range ${range}`})`;
  return own ? `${address} (${via}this machine's own address)` : null;
}

/** Why a URL may not be fetched at all (scheme, credentials), or null. Addresses are judged later. */
export function urlBlockReason(url: URL): string | null {
  if (url.protocol !== "http:" && url.protocol !== "https:") return `only http and https URLs are probed, not ${url.protocol}`;
  if (url.username || url.password) return "URLs with credentials (user:password@host) are not probed";
  return null;
}

export const BLOCKED_ADDRESS_HINT =
  "to probe it, add it to PROBE_ALLOWLIST (or, for private networks other than Vigil's own ports, set PROBE_ALLOW_PRIVATE_NETWORKS=true)";

function notFound(hostname: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND", hostname });
}

/** RFC 6761 names locally, others through the system resolver (honouring /etc/hosts), as connect would. */
async function resolveForConnect(hostname: string): Promise<dns.LookupAddress[]> {
  const special = specialUseAnswer(hostname);
  if (special?.kind === "not_found") throw notFound(hostname);
  if (special) return special.addresses.map((address) => ({ address, family: net.isIP(address) }));
  return dns.promises.lookup(hostname, { all: true });
}

/** The addresses `hostname` resolves to for a connection; [] when it does not resolve within `budgetMs`. */
export async function resolveWithin(hostname: string, budgetMs: number): Promise<string[]> {
  let timer: NodeJS.Timeout | undefined;
  const budget = new Promise<string[]>((resolve) => (timer = setTimeout(() => resolve([]), budgetMs)));
  const resolved = resolveForConnect(hostname).then(
    (answers) => answers.map((answer) => answer.address),
    () => [],
  );
  return Promise.race([resolved, budget]).finally(() => clearTimeout(timer));
}

/**
 * A `lookup` for net/tls.connect to `port` that resolves the name, drops every blocked address and
 * fails with BlockedAddressError when none is left: the socket then never connects.
 */
export function guardedLookup(policy: CompiledPolicy, port: number): net.LookupFunction {
  const allowedAddresses = async (hostname: string, family: unknown) => {
    const resolved = await resolveForConnect(hostname);
    const wanted = family === 4 || family === 6 ? resolved.filter((candidate) => candidate.family === family) : resolved;
    const blocked: string[] = [];
    const allowed = wanted.filter((candidate) => {
      const reason = blockedAddressReason(candidate.address, hostname, policy, port);
      if (reason) blocked.push(reason);
      return reason === null;
    });
    if (allowed.length > 0) return allowed;
    if (blocked.length === 0) throw notFound(hostname);
    throw new BlockedAddressError(`${hostname} resolves only to blocked addresses: ${blocked.join(", ")}`);
  };
  return (hostname, options, callback) => {
    allowedAddresses(hostname, options.family).then(
      (allowed) => (options.all ? callback(null, allowed) : callback(null, allowed[0]!.address, allowed[0]!.family)),
      (error: NodeJS.ErrnoException) => callback(error, ""),
    );
  };
}
