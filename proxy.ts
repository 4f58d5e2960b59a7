// Proxy (Next 16's middleware): headers and an optimistic redirect only. It is NOT the admin
// console's lock — every admin page, action and route checks the session itself (requireAdmin,
// executeAdminAction, adminRoute), because a proxy can be skipped (CVE-2025-29927).
import { NextResponse, type NextRequest } from "next/server";
import { requestScheme } from "./lib/auth/request-origin";
import { ADMIN_NO_CACHE, adminContentSecurityPolicy, HSTS, newNonce } from "./lib/auth/security-headers";
import { sessionCookie } from "./lib/auth/session-cookie";
import { env, publicUrl } from "./lib/env";
import { serverActionRefusal, unsafeUrlRefusal } from "./lib/http/edge-guard";

const PUBLIC_ADMIN_PATHS = ["/admin/login", "/admin/setup", "/admin/oidc"];

export function proxy(request: NextRequest) {
  // Next's internal recursion marker has no business arriving from outside.
  if (request.headers.has("x-middleware-subrequest")) return new NextResponse("Bad request", { status: 400 });

  const https = publicUrl().startsWith("https:");
  const { pathname } = request.nextUrl;
  // A foreign or oversized server action, or NUL in the address, is the client's fault: 4xx here, not a 500 from Next.
  const target = { host: request.headers.get("host"), scheme: requestScheme(request.headers.get("x-forwarded-proto"), env().TRUST_PROXY_HOPS) };
  const refused = serverActionRefusal({ method: request.method, pathname, headers: request.headers, target }, publicUrl()) ?? unsafeUrlRefusal(request.nextUrl);
  if (refused) return refused;
  const admin = pathname === "/admin" || pathname.startsWith("/admin/");
  if (!admin) {
    const response = NextResponse.next();
    if (https) response.headers.set("Strict-Transport-Security", HSTS);
    return response;
  }

  const cookie = sessionCookie();
  if (!PUBLIC_ADMIN_PATHS.some((p) => pathname === p || pathname.startsWith(`${p}/`)) && !request.cookies.has(cookie.name) && request.method === "GET") {
    return NextResponse.redirect(new URL("/admin/login", request.url));
  }

  const nonce = newNonce();
  const csp = adminContentSecurityPolicy(nonce, { https, dev: process.env.NODE_ENV === "development" });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  response.headers.set("Cache-Control", ADMIN_NO_CACHE);
  response.headers.set("Referrer-Policy", "no-referrer");
  response.headers.set("X-Frame-Options", "DENY");
  if (https) response.headers.set("Strict-Transport-Security", HSTS);
  return response;
}

export const config = {
  matcher: [
    {
      source: "/((?!_next/static|_next/image|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
