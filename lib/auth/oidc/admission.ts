// Who the provider's claims let in, and as what: a verified email in an allowed domain, and a role
// from the role claim (the strongest mapped value wins; the default role, if any, otherwise).
import { AdminEmail } from "../schemas";
import type { Role } from "../actor";
import type { OidcSettings } from "./settings";

export type OidcRefusal = "no_email" | "unverified_email" | "wrong_domain" | "unmapped_role";
/**
 * `roleFromProvider`: the provider decides the role (OIDC_ROLE_MAP is set), so it is applied at every
 * sign-in; without a map the default role only seeds new admins, and owners manage roles in Vigil.
 */
export type Admission = { ok: true; email: string; role: Role; roleFromProvider: boolean } | { ok: false; reason: OidcRefusal; email: string | null };

const STRENGTH: Record<Role, number> = { viewer: 1, editor: 2, owner: 3 };

export function admit(claims: Record<string, unknown>, settings: Pick<OidcSettings, "allowedDomains" | "roleClaim" | "roleMap" | "defaultRole">): Admission {
  const parsed = AdminEmail.safeParse(claims.email);
  if (!parsed.success) return { ok: false, reason: "no_email", email: null };
  const email = parsed.data;
  // true, or "true" (a few providers send strings); a missing claim never passes.
  if (claims.email_verified !== true && claims.email_verified !== "true") return { ok: false, reason: "unverified_email", email };
  const domain = email.slice(email.lastIndexOf("@") + 1);
  if (!settings.allowedDomains.includes(domain)) return { ok: false, reason: "wrong_domain", email };
  const role = mappedRole(claims[settings.roleClaim], settings.roleMap) ?? settings.defaultRole;
  return role ? { ok: true, email, role, roleFromProvider: settings.roleMap.length > 0 } : { ok: false, reason: "unmapped_role", email };
}

function mappedRole(claim: unknown, roleMap: OidcSettings["roleMap"]): Role | null {
  const values = new Set((Array.isArray(claim) ? claim : [claim]).filter((value): value is string => typeof value === "string"));
  let best: Role | null = null;
  for (const [value, role] of roleMap) {
    if (values.has(value) && (!best || STRENGTH[role] > STRENGTH[best])) best = role;
  }
  return best;
}
