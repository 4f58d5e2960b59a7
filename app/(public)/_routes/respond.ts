// Responses the public routes build: shared pages (ETag, Cache-Control, CORS as every public
// response), per-visitor pages and redirects (never cached), and the 503 when there is nothing to
// show. Every one carries the public security headers; pages get the CSP that allows exactly their
// own inline script and stylesheet.
import { pageContentSecurityPolicy } from "@/lib/http/content-security-policy";
import { DEFAULT_LANGUAGE, pageLanguage, type Language } from "@/lib/i18n/languages";
import { chooseLanguage } from "@/lib/i18n/negotiate-language";
import { translator, type Translator } from "@/lib/i18n/translator";
import { publicResponse, publicSecurityHeaders } from "@/lib/http/public-response";
import { CLIENT_SCRIPT } from "../_views/client-script";
import { PUBLIC_CSS } from "../_views/public-css";
import { renderUnavailable } from "../_views/problem";

/** The CSP of every public page: the one layout inlines CLIENT_SCRIPT and PUBLIC_CSS, and nothing else. */
export function pagePolicy(): string {
  return pageContentSecurityPolicy({ script: CLIENT_SCRIPT, style: PUBLIC_CSS });
}

/** The translator for this visitor on a page whose own language is `page`'s (the default without a page). */
export function visitorTranslator(request: Request, page: { language?: Language } | null): Translator {
  return translator(chooseLanguage(request, page ? pageLanguage(page) : DEFAULT_LANGUAGE));
}

/** A page rendered in `t`'s language: it says so, and caches keep one copy per language. */
export function htmlResponse(request: Request, body: string, t: Translator, options: { status?: number; stale?: boolean; generatedAt?: string } = {}): Response {
  return publicResponse(request, body, { ...options, contentType: "text/html; charset=utf-8", contentSecurityPolicy: pagePolicy(), language: t.language });
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
  const t = visitorTranslator(request, null);
  return new Response(request.method === "HEAD" ? null : renderUnavailable("Status", t), {
    status: 503,
    headers: { ...headers, ...publicSecurityHeaders(pagePolicy()), "Content-Type": "text/html; charset=utf-8", "Content-Language": t.language, Vary: "Accept-Language" },
  });
}

/** A page for one visitor (the subscription pages): never stored by the response cache or a CDN. */
export function privatePage(body: string, t: Translator, status = 200): Response {
  return new Response(body, {
    status,
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", "Content-Language": t.language, ...publicSecurityHeaders(pagePolicy()) },
  });
}

/** POST → 303 → GET: the form's answer is the page it lands on. */
export function seeOther(location: string): Response {
  return new Response(null, { status: 303, headers: { Location: location, "Cache-Control": "no-store", ...publicSecurityHeaders() } });
}
