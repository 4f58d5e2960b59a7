// Server-side admin sessions: the cookie holds a random token, AdminSession its hash. A session
// ends at whichever comes first: revocation, IDLE_TIMEOUT without a request, ABSOLUTE_TIMEOUT after
// sign-in, or the admin being disabled. A session remembers which second factor completed it
// (none: password alone), so a role that requires one can send the session to enrol first.
import "server-only";
import type { Action, Visit } from "../action-context";
import { recordAdminAudit, recordAudit } from "../audit/record-audit";
import { db } from "../db";
import { VigilError } from "../errors";
import type { Actor } from "./actor";
import type { RevokeSession } from "./schemas";
import { secondFactorOwed, secondFactorRoles, type SecondFactorKind } from "./second-factor/policy";
import { hashToken, newToken } from "./tokens";

export const SESSION_IDLE_TIMEOUT_MS = 8 * 3600 * 1000;
export const SESSION_ABSOLUTE_TIMEOUT_MS = 7 * 24 * 3600 * 1000;
/** lastSeenAt is written at most this often, so reading a page is not a write every time. */
const TOUCH_EVERY_MS = 60 * 1000;

/** `secondFactorOwed`: the admin's role requires a second factor and this session has none: enrol first. */
export type AuthenticatedSession = { sessionId: string; actor: Actor; secondFactorOwed: boolean };

/**
 * A new session for an admin who just proved who they are. The token goes into the cookie.
 * `secondFactor`: what completed the sign-in beyond the password (absent: nothing); an OpenID
 * Connect sign-in passes "identity_provider" (the provider is trusted for it).
 */
export async function startSession({
  ctx: { now, client },
  input: { adminId, secondFactor = null },
}: Visit<{ adminId: string; secondFactor?: SecondFactorKind | null }>): Promise<{ token: string; expiresAt: Date }> {
  const token = newToken();
  const expiresAt = new Date(now.getTime() + SESSION_ABSOLUTE_TIMEOUT_MS);
  await db().adminSession.create({
    data: { tokenHash: hashToken(token), adminId, ip: client.ip, userAgent: client.userAgent?.slice(0, 300) ?? null, createdAt: now, lastSeenAt: now, expiresAt, secondFactor },
  });
  return { token, expiresAt };
}

/** The admin behind a session token, or null when the session is unknown, ended or idle too long. */
export async function readSession(token: string | null | undefined, ip: string | null, now: Date): Promise<AuthenticatedSession | null> {
  if (!token || token.length > 200) return null;
  const [session, requiredRoles] = await Promise.all([
    db().adminSession.findUnique({
      where: { tokenHash: hashToken(token) },
      select: { id: true, lastSeenAt: true, expiresAt: true, revokedAt: true, secondFactor: true, admin: { select: { id: true, email: true, role: true, disabledAt: true } } },
    }),
    secondFactorRoles(),
  ]);
  if (!session || session.revokedAt || session.admin.disabledAt) return null;
  if (session.expiresAt <= now || session.lastSeenAt.getTime() + SESSION_IDLE_TIMEOUT_MS <= now.getTime()) return null;
  if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
    await db().adminSession.update({ where: { id: session.id }, data: { lastSeenAt: now } });
  }
  return {
    sessionId: session.id,
    actor: { adminId: session.admin.id, email: session.admin.email, role: session.admin.role, ip },
    secondFactorOwed: secondFactorOwed(session.admin.role, session.secondFactor, requiredRoles),
  };
}

/** Signing out: the session token from the cookie, if any (a missing or odd one ends nothing). */
export async function endSession({ ctx: { now, client }, input: { token } }: Visit<{ token: string | null | undefined }>): Promise<void> {
  if (!token || token.length > 200) return;
  await db().$transaction(async (tx) => {
    const session = await tx.adminSession.findUnique({ where: { tokenHash: hashToken(token) }, select: { id: true, revokedAt: true, admin: { select: { id: true, email: true } } } });
    if (!session || session.revokedAt) return;
    await tx.adminSession.update({ where: { id: session.id }, data: { revokedAt: now } });
    await recordAudit(tx, { actorId: session.admin.id, actorLabel: session.admin.email, action: "auth.sign_out", objectType: "session", objectId: session.id, ip: client.ip });
  });
}

export type SessionSummary = { id: string; ip: string | null; userAgent: string | null; createdAt: Date; lastSeenAt: Date; current: boolean };

/** The admin's own live sessions, newest first. */
export async function listOwnSessions(actor: Actor, currentSessionId: string, now: Date): Promise<SessionSummary[]> {
  const sessions = await db().adminSession.findMany({
    where: { adminId: actor.adminId, revokedAt: null, expiresAt: { gt: now }, lastSeenAt: { gt: new Date(now.getTime() - SESSION_IDLE_TIMEOUT_MS) } },
    orderBy: { lastSeenAt: "desc" },
    select: { id: true, ip: true, userAgent: true, createdAt: true, lastSeenAt: true },
  });
  return sessions.map((s) => ({ ...s, current: s.id === currentSessionId }));
}

export class SessionNotFoundError extends VigilError {
  constructor() {
    super("not_found", "no such session");
  }
}

/** Revokes one of the actor's own sessions (an admin cannot end someone else's from here). */
export async function revokeOwnSession({ ctx: { actor, now }, input: { id: sessionId } }: Action<RevokeSession, Actor>): Promise<void> {
  await db().$transaction(async (tx) => {
    const { count } = await tx.adminSession.updateMany({ where: { id: sessionId, adminId: actor.adminId, revokedAt: null }, data: { revokedAt: now } });
    if (count === 0) throw new SessionNotFoundError();
    await recordAdminAudit(tx, actor, { action: "session.revoke", objectType: "session", objectId: sessionId });
  });
}
