// Responses of the public surface (pages, API, feeds, badges): an ETag of the body (304 on
// If-None-Match), Cache-Control that lets a CDN serve on (s-maxage, stale-while-revalidate,
// stale-if-error), open CORS for GET, and the snapshot's age. Stale data (database unreachable)
// gets a shorter shared max age so a CDN picks up the recovery quickly.
import { createHash } from "node:crypto";
import { contentSecurityHeaders, resourceContentSecurityPolicy } from "./content-security-policy";

export const PUBLIC_CACHE_CONTROL = "public, max-age=0, s-maxage=10, stale-while-revalidate=60, stale-if-error=86400";
export const STALE_CACHE_CONTROL = "public, max-age=0, s-maxage=5, stale-while-revalidate=30, stale-if-error=86400";
/** For an address whose content never changes (a hash of it is in the address). */
export const IMMUTABLE_CACHE_CONTROL = "public, max-age=31536000, immutable";

export const CORS_HEADERS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
  "Access-Control-Allow-Headers": "If-None-Match, Cache-Control",
  "Access-Control-Expose-Headers": "ETag, X-Vigil-Generated-At, X-Vigil-Stale",
} as const;

/** Sent with every response (next.config.ts); public responses carry them in their own headers
 *  too, because the custom server answers cached ones without Next. */
export const EVERYWHERE_HEADERS = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
} as const;

/**
 * The headers every public response carries, whatever answers it: EVERYWHERE_HEADERS and a CSP —
 * `policy` for a page (its inline script and style hashed), else one that lets nothing run or load.
 */
export function publicSecurityHeaders(policy: string = resourceContentSecurityPolicy()): Record<string, string> {
  return { ...EVERYWHERE_HEADERS, ...contentSecurityHeaders(policy) };
}

export type PublicResponseOptions = {
  contentType: string;
  /** A page's own CSP (pageContentSecurityPolicy); anything else gets the resource policy. */
  contentSecurityPolicy?: string;
  status?: number;
  stale?: boolean;
  generatedAt?: string;
  /** Instead of the default (PUBLIC_CACHE_CONTROL, or STALE_CACHE_CONTROL when stale). */
  cacheControl?: string;
};

export function etagOf(body: string | Uint8Array): string {
  return `"${createHash("sha1").update(body).digest("base64url")}"`;
}

/** True when the request's If-None-Match names `etag` (weak or strong, or `*`). */
export function matchesEtag(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(",").some((tag) => {
    const value = tag.trim().replace(/^W\//, "");
    return value === "*" || value === etag;
  });
}

export function publicResponse(request: Request, body: string, options: PublicResponseOptions): Response {
  const etag = etagOf(body);
  const headers = new Headers({
    "Content-Type": options.contentType,
    "Cache-Control": options.cacheControl ?? (options.stale ? STALE_CACHE_CONTROL : PUBLIC_CACHE_CONTROL),
    ETag: etag,
    Vary: "Accept-Encoding",
    ...CORS_HEADERS,
    ...publicSecurityHeaders(options.contentSecurityPolicy),
  });
  if (options.generatedAt) headers.set("X-Vigil-Generated-At", options.generatedAt);
  if (options.stale) headers.set("X-Vigil-Stale", "1");
  const status = options.status ?? 200;
  if (status === 200 && matchesEtag(request.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers });
  return new Response(request.method === "HEAD" ? null : body, { status, headers });
}

export function jsonResponse(request: Request, value: unknown, options: Omit<PublicResponseOptions, "contentType"> = {}): Response {
  return publicResponse(request, JSON.stringify(value), { ...options, contentType: "application/json; charset=utf-8" });
}

/** CORS preflight for the public API. */
export function corsPreflight(): Response {
  return new Response(null, { status: 204, headers: { ...CORS_HEADERS, ...publicSecurityHeaders(), "Access-Control-Max-Age": "86400" } });
}
