// The checks every admin request passes, independent of Next so tests can drive them: same-origin
// for anything that changes state with the session cookie, then a live session, then the role.
// Headers such as x-middleware-subrequest play no part: nothing here trusts the proxy to have run.
import "server-only";
import { publicUrl } from "../env";
import { VigilError } from "../errors";
import { ForeignOriginError, isSameOrigin } from "./request-origin";
import { readSession, type AuthenticatedSession } from "./sessions";

export type RequestFacts = {
  sessionToken: string | null;
  origin: string | null;
  host: string | null;
  /** The scheme the client used (requestScheme). */
  scheme: "http" | "https";
  ip: string | null;
  userAgent: string | null;
};

export class UnauthenticatedError extends VigilError {
  constructor() {
    super("unauthenticated", "your session has ended; sign in again");
  }
}

export function assertSameOrigin(facts: Pick<RequestFacts, "origin" | "host" | "scheme">): void {
  if (!isSameOrigin(facts.origin, facts, publicUrl())) throw new ForeignOriginError();
}

export async function authenticate(facts: RequestFacts, now: Date): Promise<AuthenticatedSession> {
  const session = await readSession(facts.sessionToken, facts.ip, now);
  if (!session) throw new UnauthenticatedError();
  return session;
}
