// API keys for the admin JSON API: created in the console, shown once, stored as a hash. A key acts
// for the admin who created it, scoped: "read" keys act as a viewer, "write" keys as an editor (never
// more than their creator is now, and never once the creator is disabled or the key revoked).
import "server-only";
import type { Action } from "../action-context";
import { recordAdminAudit } from "../audit/record-audit";
import { db } from "../db";
import { VigilError } from "../errors";
import { assertCanEdit, type Actor, type Role } from "./actor";
import type { CreateApiKey, RevokeApiKey } from "./schemas";
import { hashToken, newToken } from "./tokens";

export const API_KEY_PREFIX = "vigil_";
const TOUCH_EVERY_MS = 60 * 1000;

export type ApiKeySummary = { id: string; name: string; scope: "read" | "write"; createdBy: string; createdAt: Date; lastUsedAt: Date | null };

export class ApiKeyNotFoundError extends VigilError {
  constructor() {
    super("not_found", "no such API key");
  }
}

/** A key acts for its creator, so only an admin (never Vigil itself) creates one. */
export async function createApiKey({ ctx: { actor, now }, input: { name, scope } }: Action<CreateApiKey, Actor>): Promise<{ id: string; token: string }> {
  assertCanEdit(actor);
  const token = newToken(API_KEY_PREFIX);
  return db().$transaction(async (tx) => {
    const key = await tx.apiKey.create({ data: { name, scope, tokenHash: hashToken(token), createdById: actor.adminId, createdAt: now }, select: { id: true } });
    await recordAdminAudit(tx, actor, { action: "api_key.create", objectType: "api_key", objectId: key.id, details: { name, scope } });
    return { id: key.id, token };
  });
}

/** Live keys: owners see every key, others their own. */
export async function listApiKeys(actor: Actor): Promise<ApiKeySummary[]> {
  const keys = await db().apiKey.findMany({
    where: { revokedAt: null, ...(actor.role === "owner" ? {} : { createdById: actor.adminId }) },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, scope: true, createdAt: true, lastUsedAt: true, createdBy: { select: { email: true } } },
  });
  return keys.map(({ createdBy, ...key }) => ({ ...key, createdBy: createdBy.email }));
}

export async function revokeApiKey({ ctx: { actor, now }, input: { id } }: Action<RevokeApiKey, Actor>): Promise<void> {
  assertCanEdit(actor);
  await db().$transaction(async (tx) => {
    const { count } = await tx.apiKey.updateMany({
      where: { id, revokedAt: null, ...(actor.role === "owner" ? {} : { createdById: actor.adminId }) },
      data: { revokedAt: now },
    });
    if (count === 0) throw new ApiKeyNotFoundError();
    await recordAdminAudit(tx, actor, { action: "api_key.revoke", objectType: "api_key", objectId: id });
  });
}

const ROLE_RANK: Record<Role, number> = { viewer: 0, editor: 1, owner: 2 };

/** The actor a bearer token stands for, or null for an unknown, revoked or orphaned key. */
export async function authenticateApiKey(token: string | null, ip: string | null, now: Date): Promise<Actor | null> {
  if (!token || !token.startsWith(API_KEY_PREFIX) || token.length > 200) return null;
  const key = await db().apiKey.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, name: true, scope: true, revokedAt: true, lastUsedAt: true, createdBy: { select: { id: true, email: true, role: true, disabledAt: true } } },
  });
  if (!key || key.revokedAt || key.createdBy.disabledAt) return null;
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() >= TOUCH_EVERY_MS) {
    await db().apiKey.update({ where: { id: key.id }, data: { lastUsedAt: now } });
  }
  const scopeRole: Role = key.scope === "write" ? "editor" : "viewer";
  const role = ROLE_RANK[key.createdBy.role] < ROLE_RANK[scopeRole] ? key.createdBy.role : scopeRole;
  return { adminId: key.createdBy.id, email: `${key.createdBy.email} (API key "${key.name}")`, role, ip };
}
