// The session cookie's name and attributes. Over https it is `__Host-` prefixed (the browser then
// insists on Secure, Path=/ and no Domain, so no subdomain can set or read it) and Secure.
import { publicUrl, type Env, env } from "../env";

export type SessionCookie = { name: string; secure: boolean };

export function sessionCookie(config: Env = env()): SessionCookie {
  const https = publicUrl(config).startsWith("https:");
  return https ? { name: "__Host-vigil_session", secure: true } : { name: "vigil_session", secure: false };
}

export function sessionCookieOptions(cookie: SessionCookie, expires: Date) {
  return { httpOnly: true, secure: cookie.secure, sameSite: "lax" as const, path: "/", expires };
}

/** The cookie of a sign-in waiting for its second factor (second-factor/pending-sign-in.ts). */
export function pendingSignInCookie(config: Env = env()): SessionCookie {
  const https = publicUrl(config).startsWith("https:");
  return https ? { name: "__Host-vigil_second_factor", secure: true } : { name: "vigil_second_factor", secure: false };
}
