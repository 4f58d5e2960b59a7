// PROBE_ALLOWLIST entries: CIDRs, IP addresses, host names and "*.suffix" wildcards. Pure, so the
// environment parser can reject a bad entry at start-up with the same rules the guard applies.
import net from "node:net";
import ipaddr from "ipaddr.js";
import { normalizeHostName } from "./special-use-names";

export type AllowlistAddress = ipaddr.IPv4 | ipaddr.IPv6;
export type Allowlist = {
  /** Exact names, and ".suffix" for "*.suffix" entries. */
  hostNames: readonly string[];
  cidrs: readonly [AllowlistAddress, number][];
};

const HOST_NAME = /^(?=.{1,253}$)(\*\.)?([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9])?\.)*[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9])?$/;

/** Throws naming the first entry that is none of the accepted forms. */
export function parseAllowlist(entries: readonly string[]): Allowlist {
  const hostNames: string[] = [];
  const cidrs: [AllowlistAddress, number][] = [];
  for (const raw of entries) {
    const entry = raw.trim().toLowerCase();
    const [address, prefix] = entry.split("/");
    if (address && net.isIP(address) && (prefix === undefined || /^\d{1,3}$/.test(prefix))) {
      const parsed = ipaddr.parse(address);
      const bits = prefix === undefined ? (parsed.kind() === "ipv4" ? 32 : 128) : Number(prefix);
      if (bits > (parsed.kind() === "ipv4" ? 32 : 128)) throw new Error(`invalid allowlist entry "${raw}": prefix too long`);
      cidrs.push([parsed, bits]);
    } else if (HOST_NAME.test(normalizeHostName(entry))) {
      hostNames.push(normalizeHostName(entry).replace(/^\*\./, "."));
    } else {
      throw new Error(`invalid allowlist entry "${raw}": expected a CIDR, an IP address or a host name`);
    }
  }
  return { hostNames, cidrs };
}
