// The client address for per-IP limits. Next gives route handlers no socket, so the web server
// (scripts/web.ts) writes the socket's address into CLIENT_IP_HEADER, overwriting anything a client
// sent. Behind a reverse proxy (TRUST_PROXY) the proxy's last X-Forwarded-For entry is the client.
import "server-only";
import { env } from "../env";

export const CLIENT_IP_HEADER = "x-vigil-client-ip";

export function clientIpFrom(headers: Headers, trustProxy: boolean = env().TRUST_PROXY): string | null {
  if (trustProxy) {
    const forwarded = headers.get("x-forwarded-for")?.split(",").map((part) => part.trim()).filter(Boolean);
    if (forwarded?.length) return forwarded.at(-1)!;
  }
  return headers.get(CLIENT_IP_HEADER) || null;
}
