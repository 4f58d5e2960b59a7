// What the proxy refuses before Next runs anything, because Next would answer it with a 500 (and
// an error log) although it is the client's fault:
//  - a server action from another origin, or with a body over its limit: Next throws inside the
//    render. Refused first with the status that says why: 403 for a foreign (or missing) Origin,
//    413 for a body over SERVER_ACTION_BODY_LIMIT_BYTES, 411 when the body's length is not declared
//    (a stream could not be refused before Next reads past the limit). The action wrapper still
//    checks the Origin itself: the proxy is not the lock;
//  - a path or query string carrying NUL or another control character (lib/text/safe-text.ts),
//    which PostgreSQL cannot take in a filter: 400 naming the parameter.
import { HTTP_STATUS_BY_ERROR_CODE, type ErrorBody, type ErrorCode, type FieldErrors } from "../errors";
import { isSameOrigin, type RequestTarget } from "../auth/request-origin";
import { isUnsafeText, UNSAFE_TEXT_MESSAGE } from "../text/safe-text";

/** Next's own default (serverActions.bodySizeLimit: 1 MB); the largest console form is far smaller. */
export const SERVER_ACTION_BODY_LIMIT_BYTES = 1024 * 1024;

export type ActionPost = {
  method: string;
  pathname: string;
  headers: Pick<Headers, "get" | "has">;
  target: RequestTarget;
};

/**
 * A POST Next would run as a server action: a fetch action (Next-Action header), or a console form
 * posted as multipart before hydration or without JavaScript. A url-encoded post is never an action
 * to Next (it renders the page), and route handlers (the APIs, the public forms) take no actions.
 */
export function isServerActionPost(post: Pick<ActionPost, "method" | "pathname" | "headers">): boolean {
  if (post.method !== "POST") return false;
  if (post.headers.has("next-action")) return true;
  const inConsole = post.pathname === "/admin" || post.pathname.startsWith("/admin/");
  return inConsole && (post.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data");
}

/** The refusal for a server action post, or null when Next may run it. */
export function serverActionRefusal(post: ActionPost, publicOrigin: string): Response | null {
  if (!isServerActionPost(post)) return null;
  if (!isSameOrigin(post.headers.get("origin"), post.target, publicOrigin)) return refusal("foreign_origin", "cross-site requests are refused");
  const declared = post.headers.get("content-length");
  if (declared === null || !/^\d+$/.test(declared)) return refusal("length_required", "a form post must declare its Content-Length");
  if (Number(declared) > SERVER_ACTION_BODY_LIMIT_BYTES) return refusal("payload_too_large", `the request body must be at most ${SERVER_ACTION_BODY_LIMIT_BYTES} bytes`);
  return null;
}

/** The 400 for a URL whose decoded path or query holds unsafe text, or null. */
export function unsafeUrlRefusal(url: URL): Response | null {
  const errors: FieldErrors = {};
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    path = url.pathname; // a malformed escape is the route's to answer (404)
  }
  if (isUnsafeText(path)) errors.path = [UNSAFE_TEXT_MESSAGE];
  for (const [name, value] of url.searchParams) {
    if (isUnsafeText(value) || isUnsafeText(name)) errors[name.replace(/[^\x20-\x7e]/g, "?")] = [UNSAFE_TEXT_MESSAGE];
  }
  return Object.keys(errors).length > 0 ? refusal("invalid_characters", "the address contains control characters (such as NUL)", errors) : null;
}

function refusal(code: ErrorCode, message: string, fieldErrors?: FieldErrors): Response {
  const body: ErrorBody = { error: { code, message, ...(fieldErrors ? { fieldErrors } : {}) } };
  return Response.json(body, { status: HTTP_STATUS_BY_ERROR_CODE[code], headers: { "Cache-Control": "no-store" } });
}
