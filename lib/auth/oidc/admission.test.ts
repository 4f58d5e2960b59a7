// Which OIDC identities may sign in, and with which role.
import { describe, expect, it } from "vitest";
import { admit } from "./admission";

const settings = {
  allowedDomains: ["example.com"],
  roleClaim: "groups",
  roleMap: [["vigil-owners", "owner"], ["sre", "editor"], ["support", "viewer"]] as const,
  defaultRole: null,
};
const person = (claims: Record<string, unknown>) => ({ email: "Ann@Example.com", email_verified: true, groups: ["sre"], ...claims });

describe("admit", () => {
  it("lets in a verified email of an allowed domain with its mapped role, the strongest of several", () => {
    expect(admit(person({}), settings)).toEqual({ ok: true, email: "ann@example.com", role: "editor", roleFromProvider: true });
    expect(admit(person({ groups: ["support", "vigil-owners", "sre"] }), settings)).toMatchObject({ role: "owner" });
    expect(admit(person({ groups: "support" }), settings)).toMatchObject({ role: "viewer" });
    expect(admit(person({ email_verified: "true" }), settings)).toMatchObject({ ok: true });
  });

  it("refuses a missing or unverified email and other domains, subdomains included", () => {
    expect(admit(person({ email: undefined }), settings)).toEqual({ ok: false, reason: "no_email", email: null });
    expect(admit(person({ email_verified: false }), settings)).toMatchObject({ ok: false, reason: "unverified_email" });
    expect(admit(person({ email_verified: undefined }), settings)).toMatchObject({ ok: false, reason: "unverified_email" });
    expect(admit(person({ email: "ann@example.org" }), settings)).toMatchObject({ ok: false, reason: "wrong_domain" });
    expect(admit(person({ email: "ann@evil.example.com" }), settings)).toMatchObject({ ok: false, reason: "wrong_domain" });
    expect(admit(person({ email: "ann@example.com.evil.test" }), settings)).toMatchObject({ ok: false, reason: "wrong_domain" });
  });

  it("refuses an unmapped user unless a default role is configured", () => {
    expect(admit(person({ groups: ["finance"] }), settings)).toEqual({ ok: false, reason: "unmapped_role", email: "ann@example.com" });
    expect(admit(person({ groups: undefined }), settings)).toMatchObject({ ok: false, reason: "unmapped_role" });
    expect(admit(person({ groups: [42, { sre: true }] }), settings)).toMatchObject({ ok: false, reason: "unmapped_role" });
    expect(admit(person({ groups: ["finance"] }), { ...settings, defaultRole: "viewer" })).toMatchObject({ ok: true, role: "viewer", roleFromProvider: true });
    // Without a map, the default role only seeds new admins; Vigil's owners manage roles.
    expect(admit(person({}), { ...settings, roleMap: [], defaultRole: "viewer" })).toMatchObject({ ok: true, role: "viewer", roleFromProvider: false });
  });

  it("reads the configured claim", () => {
    expect(admit(person({ groups: undefined, roles: ["vigil-owners"] }), { ...settings, roleClaim: "roles" })).toMatchObject({ role: "owner" });
  });
});
