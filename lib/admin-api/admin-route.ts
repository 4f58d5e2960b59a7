// The one wrapper of every /api/admin route handler: bearer API key → actor, scope check, then the
// handler; errors are mapped here once (typed errors → status + JSON envelope, zod → 422).
//
// Cookies are never read here, so a browser cannot be tricked into calling the API with ambient
// credentials; still, a state-changing request that carries a foreign or `null` Origin (a browser
// on another site) is refused outright. Automation (curl, CI) sends no Origin and is fine.
import "server-only";
import { ZodError } from "zod";
import { authenticateApiKey } from "../auth/api-keys";
import { canEdit, type Actor } from "../auth/actor";
import { CLIENT_IP_HEADER } from "../http/client-ip";
import { isSameOrigin } from "../auth/request-origin";
import { publicHostname, publicUrl } from "../env";
import { VigilError } from "../errors";
import { fieldErrors } from "../console/admin-action";
import { HTTP_STATUS_BY_ERROR_CODE } from "../http/error-response";
import { logger } from "../log";

export type ApiContext = { actor: Actor; now: Date; messageIdDomain: string; params: Record<string, string> };
type RouteContext = { params: Promise<Record<string, string | string[]>> };

export class InvalidJsonError extends VigilError {
  constructor() {
    super("invalid_json", "the request body must be a JSON object");
  }
}

export function apiError(status: number, code: string, message: string, fields?: Record<string, string[]>): Response {
  return Response.json({ error: { code, message, ...(fields ? { fields } : {}) } }, { status, headers: noStore(status === 401 ? { "WWW-Authenticate": 'Bearer realm="vigil-admin"' } : {}) });
}

function noStore(extra: Record<string, string> = {}): Record<string, string> {
  return { "Cache-Control": "no-store", ...extra };
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function adminRoute(need: "read" | "write", handler: (request: Request, context: ApiContext) => Promise<unknown>) {
  return async (request: Request, route?: RouteContext): Promise<Response> => {
    const now = new Date();
    try {
      const origin = request.headers.get("origin");
      if (!SAFE_METHODS.has(request.method) && origin !== null && !isSameOrigin(origin, request.headers.get("host"), publicUrl())) {
        return apiError(403, "foreign_origin", "cross-site requests are refused");
      }
      const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "")?.[1] ?? null;
      const actor = await authenticateApiKey(bearer, request.headers.get(CLIENT_IP_HEADER), now);
      if (!actor) return apiError(401, "unauthenticated", "send a valid API key: Authorization: Bearer vigil_…");
      if (need === "write" && !canEdit(actor)) return apiError(403, "forbidden", "this API key is read-only");
      const params = Object.fromEntries(Object.entries((await route?.params) ?? {}).map(([key, value]) => [key, String(value)]));
      const data = await handler(request, { actor, now, messageIdDomain: publicHostname(), params });
      if (data === undefined) return new Response(null, { status: 204, headers: noStore() });
      return Response.json({ data }, { status: request.method === "POST" ? 201 : 200, headers: noStore() });
    } catch (error) {
      if (error instanceof ZodError) return apiError(422, "invalid_input", "the request does not match the schema", fieldErrors(error));
      if (error instanceof VigilError) return apiError(HTTP_STATUS_BY_ERROR_CODE[error.code] ?? 400, error.code, error.message);
      logger().error({ err: error }, "admin API request failed");
      return apiError(500, "internal", "the request failed");
    }
  };
}

/** The request's JSON object body; anything else is a 400. */
export async function jsonBody(request: Request): Promise<Record<string, unknown>> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new InvalidJsonError();
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) throw new InvalidJsonError();
  return body as Record<string, unknown>;
}
