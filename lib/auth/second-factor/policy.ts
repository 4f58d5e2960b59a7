// Which roles must use a second factor: vigil.config.yaml's `auth.requireSecondFactor` (applied
// into AuthSettings). An admin of such a role whose session has no second factor behind it may do
// nothing but enrol one (requireAdmin and the console's action wrapper send them there).
import "server-only";
import { db } from "../../db";
import type { Prisma } from "../../generated/prisma/client";
import type { Role } from "../actor";

export async function secondFactorRoles(client: Prisma.TransactionClient = db()): Promise<Role[]> {
  const settings = await client.authSettings.findUnique({ where: { id: "auth" }, select: { secondFactorRoles: true } });
  return settings?.secondFactorRoles ?? [];
}

/** Sets the rule; says whether it changed (the config apply's summary and audit entry). */
export async function setSecondFactorRoles(tx: Prisma.TransactionClient, roles: readonly Role[]): Promise<boolean> {
  const sorted = [...new Set(roles)].sort();
  const before = await secondFactorRoles(tx);
  if (before.length === sorted.length && [...before].sort().every((role, i) => role === sorted[i])) return false;
  await tx.authSettings.upsert({ where: { id: "auth" }, create: { id: "auth", secondFactorRoles: sorted }, update: { secondFactorRoles: sorted } });
  return true;
}

/** How a session was completed beyond the password; an identity provider is trusted for it (docs/second-factor.md). */
export type SecondFactorKind = "totp" | "recovery_code" | "passkey" | "identity_provider";

/** Whether this session still owes a second factor under the rule. */
export function secondFactorOwed(role: Role, sessionFactor: string | null, requiredRoles: readonly Role[]): boolean {
  return requiredRoles.includes(role) && sessionFactor === null;
}
