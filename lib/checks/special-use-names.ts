// RFC 6761 special-use names, answered without asking DNS: "localhost" and "*.localhost" are
// always loopback (§6.3), "*.invalid" never exists (§6.4). Both the connect-time lookup and the dns
// check use this, so no query for these names ever leaves the machine.

export type SpecialUseAnswer = { kind: "addresses"; addresses: string[] } | { kind: "not_found" };

/** Loopback first: IPv4 is what local servers most often listen on. */
const LOOPBACK_ADDRESSES = ["127.0.0.1", "::1"];

export function normalizeHostName(hostname: string): string {
  return hostname.toLowerCase().replace(/\.$/, "");
}

export function specialUseAnswer(hostname: string): SpecialUseAnswer | null {
  const name = normalizeHostName(hostname);
  if (name === "localhost" || name.endsWith(".localhost")) return { kind: "addresses", addresses: LOOPBACK_ADDRESSES };
  if (name === "invalid" || name.endsWith(".invalid")) return { kind: "not_found" };
  return null;
}
