// Responses the public routes build: shared pages (ETag, Cache-Control, CORS as every public
// response), per-visitor pages and redirects (never cached), and the 503 when there is nothing to
// show. Every one carries the public security headers; pages get the CSP that allows exactly their
// own inline script and stylesheet.
import { pageContentSecurityPolicy } from "@/lib/http/content-security-policy";
import { publicResponse, publicSecurityHeaders } from "@/lib/http/public-response";
import { CLIENT_SCRIPT } from "../_views/client-script";
import { PUBLIC_CSS } from "../_views/public-css";
import { renderUnavailable } from "../_views/problem";

/** The CSP of every public page: the one layout inlines CLIENT_SCRIPT and PUBLIC_CSS, and nothing else. */
export function pagePolicy(): string {
  return pageContentSecurityPolicy({ script: CLIENT_SCRIPT, style: PUBLIC_CSS });
}

export function htmlResponse(request: Request, body: string, options: { status?: number; stale?: boolean; generatedAt?: string } = {}): Response {
  return publicResponse(request, body, { ...options, contentType: "text/html; charset=utf-8", contentSecurityPolicy: pagePolicy() });
}

/**
 * No snapshot at all (a fresh process with nothing persisted under DATA_DIR) and the database
 * unreachable: there is nothing true to show, so say so with 503 rather than fail with 500.
 */
export function statusUnavailable(request: Request, format: "html" | "json"): Response {
  const headers = { "Cache-Control": "no-store", "Retry-After": "5", "Access-Control-Allow-Origin": "*" };
  if (format === "json") {
    return Response.json(
      { error: { code: "unavailable", message: "status data is temporarily unavailable: the database cannot be reached" } },
      { status: 503, headers: { ...headers, ...publicSecurityHeaders() } },
    );
  }
  return new Response(request.method === "HEAD" ? null : renderUnavailable("Status"), {
    status: 503,
    headers: { ...headers, ...publicSecurityHeaders(pagePolicy()), "Content-Type": "text/html; charset=utf-8" },
  });
}

/** A page for one visitor (the subscription pages): never stored by the response cache or a CDN. */
export function privatePage(body: string, status = 200): Response {
  return new Response(body, { status, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", ...publicSecurityHeaders(pagePolicy()) } });
}

/** POST → 303 → GET: the form's answer is the page it lands on. */
export function seeOther(location: string): Response {
  return new Response(null, { status: 303, headers: { Location: location, "Cache-Control": "no-store", ...publicSecurityHeaders() } });
}
