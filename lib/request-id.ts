// Request ids for the web server's logs: a caller's (or a proxy's) X-Request-Id is kept when it is
// a sane token, so one id follows a request through the CDN, the proxy and Vigil; otherwise a new one.
import { randomUUID } from "node:crypto";

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdFrom(header: string | string[] | undefined): string {
  const given = Array.isArray(header) ? header[0] : header;
  return given !== undefined && SAFE_REQUEST_ID.test(given) ? given : randomUUID();
}

/** Paths whose next segment is a subscriber's manage token: the page and its JSON API. */
const TOKEN_PATH = /^(\/subscription|\/api\/subscriptions)\/(?!unsubscribe(?:\/|$))[^/]+/;

/**
 * The path of a request URL for the log: without its query string (unsubscribe and setup links
 * carry tokens there) and with a manage token in the path replaced by `:token` — a log line must
 * never be enough to take over someone's subscription.
 */
export function pathForLog(url: string | undefined): string {
  const path = ((url ?? "/").split("?")[0] ?? "/").replace(TOKEN_PATH, "$1/:token");
  return path.length > 512 ? `${path.slice(0, 512)}…` : path;
}
