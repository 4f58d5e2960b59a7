// GET /admin/oidc/callback — where the OIDC provider sends the browser back: finishes the sign-in
// and lands in the console, or on the sign-in page with the reason (never an error page).
import { NextResponse, type NextRequest } from "next/server";
import { loginPageUrl, oidcFlowCookie } from "@/lib/auth/oidc/flow-cookie";
import { completeOidcSignIn } from "@/lib/auth/oidc/oidc-sign-in";
import { oidcSettings } from "@/lib/auth/oidc/settings";
import { sessionCookie, sessionCookieOptions } from "@/lib/auth/session-cookie";
import { publicUrl } from "@/lib/env";
import { visitorContext } from "@/lib/http/client-ip";
import { logger } from "@/lib/log";

export async function GET(request: NextRequest): Promise<Response> {
  const settings = oidcSettings();
  if (!settings) return NextResponse.redirect(loginPageUrl("not_configured"), 303);
  const now = new Date();
  const flowCookie = oidcFlowCookie();
  let result: Awaited<ReturnType<typeof completeOidcSignIn>>;
  try {
    const flowToken = request.cookies.get(flowCookie.name)?.value ?? null;
    result = await completeOidcSignIn({ ctx: visitorContext(request, now), input: { settings, flowToken, callbackParams: request.nextUrl.searchParams } });
  } catch (error) {
    logger().error({ err: error instanceof Error ? { name: error.name, message: error.message } : String(error) }, "OIDC callback failed");
    result = { ok: false, reason: "invalid_response" };
  }
  const response = NextResponse.redirect(result.ok ? new URL("/admin", publicUrl()) : loginPageUrl(result.reason), 303);
  // The flow is over either way.
  response.cookies.set(flowCookie.name, "", sessionCookieOptions(flowCookie, new Date(0)));
  if (result.ok) {
    const cookie = sessionCookie();
    response.cookies.set(cookie.name, result.token, sessionCookieOptions(cookie, result.expiresAt));
  }
  return response;
}
