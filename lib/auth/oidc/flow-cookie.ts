// The cookie that ties an OIDC sign-in to the browser that started it: a random token whose hash
// keys the OidcSignInFlow row. Same attributes as the session cookie (`__Host-` and Secure over
// https; SameSite=Lax, which a top-level redirect back from the provider still carries).
import { publicUrl, type Env, env } from "../../env";
import { sessionCookie, type SessionCookie } from "../session-cookie";

export function oidcFlowCookie(config: Env = env()): SessionCookie {
  return sessionCookie(config).secure ? { name: "__Host-vigil_oidc", secure: true } : { name: "vigil_oidc", secure: false };
}

/** The sign-in page, with the reason an OIDC sign-in failed for it to show. */
export function loginPageUrl(failure?: string, config: Env = env()): URL {
  const url = new URL("/admin/login", publicUrl(config));
  if (failure) url.searchParams.set("sso", failure);
  return url;
}
