// Request ids for the web server's logs: a caller's (or a proxy's) X-Request-Id is kept when it is
// a sane token, so one id follows a request through the CDN, the proxy and Vigil; otherwise a new one.
import { randomUUID } from "node:crypto";

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdFrom(header: string | string[] | undefined): string {
  const given = Array.isArray(header) ? header[0] : header;
  return given !== undefined && SAFE_REQUEST_ID.test(given) ? given : randomUUID();
}

/** The path of a request URL without its query string, which may carry tokens (unsubscribe links). */
export function pathForLog(url: string | undefined): string {
  const path = (url ?? "/").split("?")[0] ?? "/";
  return path.length > 512 ? `${path.slice(0, 512)}…` : path;
}
