// CSRF defence for anything that changes state with ambient credentials (the session cookie): the
// browser's Origin must be this site — same scheme, host and port. Next checks server actions
// itself, but compares hosts only, lets a request with no Origin through with a warning, and a
// `null` Origin (sandboxed frames, some redirects) is foreign.
import { VigilError } from "../errors";

export class ForeignOriginError extends VigilError {
  constructor() {
    super("foreign_origin", "this request did not come from this site");
  }
}

/** Where a request was sent: its Host header and the scheme the client used. */
export type RequestTarget = { host: string | null | undefined; scheme: "http" | "https" };

/**
 * The scheme the client used. Vigil's web server speaks plain http; only a trusted reverse proxy
 * (TRUST_PROXY_HOPS > 0) can say the client came over https, in X-Forwarded-Proto (its last entry is
 * the nearest proxy's). A client's own X-Forwarded-Proto is not believed.
 */
export function requestScheme(forwardedProto: string | null | undefined, trustedHops: number): "http" | "https" {
  if (trustedHops <= 0 || !forwardedProto) return "http";
  return forwardedProto.split(",").at(-1)?.trim().toLowerCase() === "https" ? "https" : "http";
}

/**
 * True when `origin` is the site itself: the public URL's origin, or the origin the request was sent
 * to (scheme, host and port all equal). A missing or `null` Origin is never same-origin.
 */
export function isSameOrigin(origin: string | null | undefined, target: RequestTarget, publicOrigin: string): boolean {
  if (!origin || origin === "null") return false;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (parsed.origin === new URL(publicOrigin).origin) return true;
  if (!target.host) return false;
  let requested: URL;
  try {
    requested = new URL(`${target.scheme}://${target.host}`);
  } catch {
    return false;
  }
  return parsed.origin === requested.origin;
}
