// GET /admin/oidc/start — the "Sign in with …" link: records a sign-in flow and sends the browser
// to the OIDC provider, with the flow's cookie.
import { NextResponse } from "next/server";
import { loginPageUrl, oidcFlowCookie } from "@/lib/auth/oidc/flow-cookie";
import { beginOidcSignIn } from "@/lib/auth/oidc/oidc-sign-in";
import { oidcSettings } from "@/lib/auth/oidc/settings";
import { sessionCookieOptions } from "@/lib/auth/session-cookie";
import { visitorContext } from "@/lib/http/client-ip";

export async function GET(request: Request): Promise<Response> {
  const settings = oidcSettings();
  if (!settings) return NextResponse.redirect(loginPageUrl("not_configured"), 303);
  const started = await beginOidcSignIn({ ctx: visitorContext(request, new Date()), input: { settings } });
  if (!started.ok) return NextResponse.redirect(loginPageUrl(started.reason), 303);
  const response = NextResponse.redirect(started.authorizationUrl, 303);
  const cookie = oidcFlowCookie();
  response.cookies.set(cookie.name, started.flowToken, sessionCookieOptions(cookie, started.expiresAt));
  return response;
}
