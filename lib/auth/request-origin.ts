// CSRF defence for anything that changes state with ambient credentials (the session cookie): the
// browser's Origin must be this site. Next checks server actions itself, but lets a request with no
// Origin through with a warning, and a `null` Origin (sandboxed frames, some redirects) is foreign.
import { VigilError } from "../errors";

export class ForeignOriginError extends VigilError {
  constructor() {
    super("foreign_origin", "this request did not come from this site");
  }
}

/**
 * True when `origin` is the site itself: the public URL's origin, or the host the request was sent
 * to (same scheme-less host:port, as Next compares). A missing or `null` Origin is never same-origin.
 */
export function isSameOrigin(origin: string | null | undefined, host: string | null | undefined, publicOrigin: string): boolean {
  if (!origin || origin === "null") return false;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (parsed.origin === new URL(publicOrigin).origin) return true;
  return !!host && (parsed.protocol === "http:" || parsed.protocol === "https:") && parsed.host === host.toLowerCase();
}
