// Security headers computed per request by the proxy: a strict, nonce-based CSP for the console
// (Next reads the nonce from the request's CSP header and puts it on its own scripts), HSTS when
// the site is served over https, and no caching of anything under /admin.

export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString("base64");
}

export function adminContentSecurityPolicy(nonce: string, options: { https: boolean; dev: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** Two years, subdomains included: what preload lists ask for. Only ever sent over https. */
export const HSTS = "max-age=63072000; includeSubDomains";

export const ADMIN_NO_CACHE = "no-store, max-age=0";
