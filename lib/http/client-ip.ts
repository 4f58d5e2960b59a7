// The client's address as the web entry saw it. Behind TRUST_PROXY_HOPS reverse proxies, the
// address those proxies appended to X-Forwarded-For; anything further left is client-supplied and
// cannot be trusted (sign-in backoff per IP would be trivial to dodge).
import type { VisitorContext } from "../action-context";

/** The header the web entry sets on every request (overwriting any sent by the client). */
export const CLIENT_IP_HEADER = "x-vigil-client-ip";

export function clientIp(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, trustedHops: number): string | null {
  const socket = socketAddress?.replace(/^::ffff:/, "") ?? null;
  if (trustedHops <= 0 || !forwardedFor) return socket;
  const chain = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor)
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  // The last `trustedHops - 1` entries were added by proxies behind the first trusted one; the
  // entry before them is what the outermost trusted proxy saw.
  const candidate = chain[chain.length - trustedHops];
  return (candidate ?? chain[0] ?? socket)?.replace(/^::ffff:/, "") ?? null;
}

/** In a route handler or server action: the address the web entry wrote into CLIENT_IP_HEADER. */
export function clientIpFrom(headers: Pick<Headers, "get">): string | null {
  return headers.get(CLIENT_IP_HEADER) || null;
}

/** In a route handler: the context of a visitor's verb (the edge reads the clock once). */
export function visitorContext(request: Request, now: Date): VisitorContext {
  return { now, client: { ip: clientIpFrom(request.headers), userAgent: request.headers.get("user-agent") } };
}
