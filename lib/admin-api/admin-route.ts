// The one wrapper of every /api/admin route handler: bearer API key → actor, scope check, the clock
// read once, then the handler; errors become responses in lib/http/error-response.ts.
//
// Cookies are never read here, so a browser cannot be tricked into calling the API with ambient
// credentials; still, a state-changing request that carries a foreign or `null` Origin (a browser
// on another site) is refused outright. Automation (curl, CI) sends no Origin and is fine.
import "server-only";
import type { z } from "zod";
import type { ActionContext } from "../action-context";
import { authenticateApiKey } from "../auth/api-keys";
import { canEdit, type Actor } from "../auth/actor";
import { CLIENT_IP_HEADER } from "../http/client-ip";
import { isSameOrigin, requestScheme } from "../auth/request-origin";
import { env, publicHostname, publicUrl } from "../env";
import { errorJson, errorResponse, NO_STORE } from "../http/error-response";
import { readJsonBody } from "../http/request-body";
import { successStatus } from "./success-status";

export type ApiContext = { ctx: ActionContext<Actor>; params: Record<string, string> };
type RouteContext = { params: Promise<Record<string, string | string[]>> };

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const CHALLENGE = { "WWW-Authenticate": 'Bearer realm="vigil-admin"' };

export function adminRoute(need: "read" | "write", handler: (request: Request, context: ApiContext) => Promise<unknown>) {
  return async (request: Request, route?: RouteContext): Promise<Response> => {
    const now = new Date();
    try {
      const origin = request.headers.get("origin");
      if (!SAFE_METHODS.has(request.method) && origin !== null && !isSameOrigin(origin, requestTarget(request), publicUrl())) {
        return errorJson("foreign_origin", "cross-site requests are refused");
      }
      const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "")?.[1] ?? null;
      const actor = await authenticateApiKey(bearer, request.headers.get(CLIENT_IP_HEADER), now);
      if (!actor) return errorJson("unauthenticated", "send a valid API key: Authorization: Bearer vigil_…", { headers: CHALLENGE });
      if (need === "write" && !canEdit(actor)) return errorJson("forbidden", "this API key is read-only");
      const params = Object.fromEntries(Object.entries((await route?.params) ?? {}).map(([key, value]) => [key, String(value)]));
      const data = await handler(request, { ctx: { actor, now, messageIdDomain: publicHostname() }, params });
      if (data === undefined) return new Response(null, { status: successStatus(request.method, false), headers: NO_STORE });
      return Response.json({ data }, { status: successStatus(request.method, true), headers: NO_STORE });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

function requestTarget(request: Request) {
  return { host: request.headers.get("host"), scheme: requestScheme(request.headers.get("x-forwarded-proto"), env().TRUST_PROXY_HOPS) };
}

/** A verb's input from the request: the JSON body with the path's fields laid over it, parsed with the verb's schema. */
export async function bodyInput<S extends z.ZodType>(request: Request, schema: S, fromPath: Record<string, unknown> = {}): Promise<z.output<S>> {
  return schema.parse({ ...(await readJsonBody(request)), ...fromPath });
}
