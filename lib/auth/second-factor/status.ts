// What the account page shows of an admin's second factors (never a secret).
import "server-only";
import { db } from "../../db";
import type { Actor } from "../actor";
import { secondFactorRoles } from "./policy";

export type SecondFactorStatus = {
  totp: "off" | "pending" | "on";
  recoveryCodesLeft: number;
  passkeys: { id: string; name: string; createdAt: Date; lastUsedAt: Date | null }[];
  /** The admin's role must use a second factor (vigil.config.yaml's auth.requireSecondFactor). */
  required: boolean;
};

export async function secondFactorStatus(actor: Actor): Promise<SecondFactorStatus> {
  const adminId = actor.adminId;
  const [totp, recoveryCodesLeft, passkeys, roles] = await Promise.all([
    db().adminTotp.findUnique({ where: { adminId }, select: { confirmedAt: true } }),
    db().adminRecoveryCode.count({ where: { adminId, usedAt: null } }),
    db().adminPasskey.findMany({ where: { adminId }, orderBy: { createdAt: "asc" }, select: { id: true, name: true, createdAt: true, lastUsedAt: true } }),
    secondFactorRoles(),
  ]);
  return { totp: !totp ? "off" : totp.confirmedAt ? "on" : "pending", recoveryCodesLeft, passkeys, required: roles.includes(actor.role) };
}
