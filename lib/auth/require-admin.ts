// requireAdmin(): the session check of every admin page and server action, cached per request
// (React's cache), so a page and its components read the session once. Sends the signed-out to the
// sign-in page, and an admin whose role requires a second factor they have not used (or set up) to
// enrolment. The proxy's redirect is only a convenience; this is the door.
import "server-only";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { canEdit, type Actor } from "./actor";
import { CLIENT_IP_HEADER } from "../http/client-ip";
import { env } from "../env";
import type { RequestFacts } from "./request-guard";
import { requestScheme } from "./request-origin";
import { readSession, type AuthenticatedSession } from "./sessions";
import { sessionCookie } from "./session-cookie";

/** What the current request says about itself (cookie, Origin, Host and scheme, client IP). */
export const requestFacts = cache(async (): Promise<RequestFacts> => {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  return {
    sessionToken: cookieStore.get(sessionCookie().name)?.value ?? null,
    origin: headerList.get("origin"),
    host: headerList.get("host"),
    scheme: requestScheme(headerList.get("x-forwarded-proto"), env().TRUST_PROXY_HOPS),
    ip: headerList.get(CLIENT_IP_HEADER),
    userAgent: headerList.get("user-agent"),
  };
});

export const currentSession = cache(async (): Promise<AuthenticatedSession | null> => {
  const facts = await requestFacts();
  return readSession(facts.sessionToken, facts.ip, new Date());
});

/** Where an admin who owes a second factor is sent: the one page they may use until they enrol. */
export const ENROL_PATH = "/admin/enrol";

/** `enrolling`: the page is where a second factor is set up, open even while one is owed. */
export async function requireAdmin(need: "view" | "edit" | "owner" = "view", { enrolling = false } = {}): Promise<AuthenticatedSession & { actor: Actor }> {
  const session = await currentSession();
  if (!session) redirect("/admin/login");
  if (session.secondFactorOwed && !enrolling) redirect(ENROL_PATH);
  // A role that may not see this page lands on the dashboard, which says so.
  if ((need === "edit" && !canEdit(session.actor)) || (need === "owner" && session.actor.role !== "owner")) redirect("/admin?denied=1");
  return session;
}
