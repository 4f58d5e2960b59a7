// First-run setup: with no admin in the database, the launcher prints a one-time link holding a
// random token; whoever opens it creates the owner account. No default credentials exist.
import "server-only";
import { recordAudit } from "../audit/record-audit";
import { db } from "../db";
import { VigilError } from "../errors";
import type { VisitorContext } from "../action-context";
import { hashPassword } from "./passwords";
import type { CompleteSetup } from "./schemas";
import { hashToken, newToken } from "./tokens";

export const SETUP_TOKEN_TTL_MS = 24 * 3600 * 1000;

export class SetupUnavailableError extends VigilError {
  constructor() {
    // One message for every reason (wrong, used, expired token; an admin exists): nothing to probe.
    super("setup_unavailable", "This setup link is invalid or has expired. Restart Vigil to print a new one, or use `npm run -s admin -- create`.");
  }
}

/** A fresh setup token when there is no admin yet; null otherwise. */
export async function issueSetupToken(now: Date): Promise<string | null> {
  return db().$transaction(async (tx) => {
    if ((await tx.adminUser.count()) > 0) return null;
    const token = newToken();
    await tx.adminSetupToken.create({ data: { tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + SETUP_TOKEN_TTL_MS), createdAt: now } });
    return token;
  });
}

/** Whether a setup link is still good (the page shows the form only then). */
export async function isSetupTokenValid(token: string | null | undefined, now: Date): Promise<boolean> {
  if (!token || token.length > 200) return false;
  const row = await db().adminSetupToken.findUnique({ where: { tokenHash: hashToken(token) } });
  return !!row && !row.usedAt && row.expiresAt > now && (await db().adminUser.count()) === 0;
}

/** Creates the owner and spends the token (and every other one): exactly once, even when raced. */
export async function completeSetup({ ctx: { now, client }, input: { token, email, password } }: { ctx: VisitorContext; input: CompleteSetup }): Promise<{ adminId: string }> {
  const { ip } = client;
  const passwordHash = await hashPassword(password);
  return db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('vigil:admin-setup'))`;
    const { count } = await tx.adminSetupToken.updateMany({
      where: { tokenHash: hashToken(token), usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (count === 0 || (await tx.adminUser.count()) > 0) throw new SetupUnavailableError();
    await tx.adminSetupToken.updateMany({ where: { usedAt: null }, data: { usedAt: now } });
    const admin = await tx.adminUser.create({ data: { email, passwordHash, role: "owner" }, select: { id: true } });
    await recordAudit(tx, { actorId: admin.id, actorLabel: email, action: "admin.setup", objectType: "admin", objectId: admin.id, ip, details: { email, role: "owner" } });
    return { adminId: admin.id };
  });
}
