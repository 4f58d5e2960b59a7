// Who may read /metrics. Metrics name monitors, targets' certificates and worker hosts: not for the
// public. With METRICS_TOKEN set, a request needs `Authorization: Bearer <token>`. Without it,
// only a direct request from loopback is served on the public port — one that came through a proxy
// (X-Forwarded-For, Forwarded, X-Real-IP) is refused even from 127.0.0.1, because a reverse proxy
// on the same host would otherwise expose /metrics to everyone. On a separate METRICS_PORT the
// network is the guard (bind it where only Prometheus reaches), plus the token when set.
import { timingSafeEqual } from "node:crypto";
import { isIP } from "node:net";

export type MetricsRequest = {
  authorization: string | null;
  /** The TCP peer as the web server saw it (not a header a client can forge). */
  peerAddress: string | null;
  forwarded: boolean;
  /** Served on METRICS_PORT rather than the public port. */
  dedicatedPort: boolean;
};

export type MetricsAccess = { allowed: true } | { allowed: false; status: 401 | 403 | 404; reason: string };

export function decideMetricsAccess(request: MetricsRequest, settings: { token?: string; metricsPort?: number }): MetricsAccess {
  // With a dedicated port, the public port does not serve metrics at all.
  if (settings.metricsPort !== undefined && !request.dedicatedPort) return { allowed: false, status: 404, reason: "served on METRICS_PORT" };
  if (settings.token !== undefined) {
    return bearerMatches(request.authorization, settings.token)
      ? { allowed: true }
      : { allowed: false, status: 401, reason: "a valid bearer token is required" };
  }
  if (request.dedicatedPort) return { allowed: true };
  if (request.forwarded) return { allowed: false, status: 403, reason: "proxied requests need METRICS_TOKEN" };
  if (!isLoopback(request.peerAddress)) return { allowed: false, status: 403, reason: "only loopback without METRICS_TOKEN" };
  return { allowed: true };
}

function bearerMatches(header: string | null, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  if (!match) return false;
  const given = Buffer.from(match[1]!);
  const expected = Buffer.from(token);
  // Constant time for equal lengths; the length itself is not secret enough to matter.
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function isLoopback(address: string | null): boolean {
  if (!address) return false;
  const plain = address.startsWith("::ffff:") ? address.slice(7) : address;
  if (isIP(plain) === 4) return plain.startsWith("127.");
  return plain === "::1";
}

/** Header names a reverse proxy adds; their presence means the peer is a proxy, not the client. */
export const FORWARDING_HEADERS = ["x-forwarded-for", "forwarded", "x-real-ip"] as const;

/** Header the custom web server sets (overwriting any a client sent) to the socket's peer address. */
export const PEER_ADDRESS_HEADER = "x-vigil-peer-address";
/**
 * Header the custom web server sets to "1" when the request carried forwarding headers and "0"
 * when not. Next.js adds X-Forwarded-* to every request it handles, so the route cannot look for
 * them itself; absent (not served through scripts/web.ts) counts as forwarded.
 */
export const FORWARDED_FLAG_HEADER = "x-vigil-forwarded";

/** Header the custom web server sets to "1" on requests that arrived on METRICS_PORT (and strips from all others). */
export const DEDICATED_PORT_HEADER = "x-vigil-metrics-port";
