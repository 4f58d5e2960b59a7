// Responses the public routes build: shared pages (ETag, Cache-Control, CORS as every public
// response), per-visitor pages and redirects (never cached), and the 503 when there is nothing to show.
import { publicResponse } from "@/lib/http/public-response";
import { renderUnavailable } from "../_views/problem";

export function htmlResponse(request: Request, body: string, options: { status?: number; stale?: boolean; generatedAt?: string } = {}): Response {
  return publicResponse(request, body, { ...options, contentType: "text/html; charset=utf-8" });
}

/**
 * No snapshot at all (a fresh process with nothing persisted under DATA_DIR) and the database
 * unreachable: there is nothing true to show, so say so with 503 rather than fail with 500.
 */
export function statusUnavailable(request: Request, format: "html" | "json"): Response {
  const headers = { "Cache-Control": "no-store", "Retry-After": "5", "Access-Control-Allow-Origin": "*" };
  if (format === "json") {
    return Response.json({ error: { code: "unavailable", message: "status data is temporarily unavailable: the database cannot be reached" } }, { status: 503, headers });
  }
  return new Response(request.method === "HEAD" ? null : renderUnavailable("Status"), { status: 503, headers: { ...headers, "Content-Type": "text/html; charset=utf-8" } });
}

/** A page for one visitor (the subscription pages): never stored by the response cache or a CDN. */
export function privatePage(body: string, status = 200): Response {
  return new Response(body, { status, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } });
}

/** POST → 303 → GET: the form's answer is the page it lands on. */
export function seeOther(location: string): Response {
  return new Response(null, { status: 303, headers: { Location: location, "Cache-Control": "no-store" } });
}
