// OIDC sign-in against a real provider (oidc-provider on a free port) over real HTTP: discovery,
// the login page, the code exchange with PKCE, the ID token and userinfo, on a real database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db";
import { ctxFor } from "../../../test/verbs";
import { signInAt, startOidcProvider, type TestAccount, type TestProvider } from "../../../test/oidc-provider";
import { createAdmin } from "../admin-accounts";
import { changeAdmin } from "../manage-admins";
import { CreateAdmin } from "../schemas";
import { readSession } from "../sessions";
import { beginOidcSignIn, completeOidcSignIn, OIDC_FLOW_TTL_MS } from "./oidc-sign-in";
import type { OidcSettings } from "./settings";

const T0 = new Date("2026-12-06T02:00:00.000Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const REDIRECT_URI = "http://vigil.test/admin/oidc/callback";
const client = { ip: "192.0.2.7", userAgent: "test" };

const accounts: Record<string, TestAccount> = {
  ann: { email: "Ann@Example.com", email_verified: true, groups: ["sre"] },
  olga: { email: "olga@example.com", email_verified: true, groups: ["vigil-owners"] },
  pat: { email: "pat@example.com", email_verified: true, groups: ["support"] },
  dora: { email: "dora@example.com", email_verified: true, groups: ["sre"] },
  mallory: { email: "mallory@elsewhere.test", email_verified: true, groups: ["vigil-owners"] },
  una: { email: "una@example.com", email_verified: false, groups: ["vigil-owners"] },
  finn: { email: "finn@example.com", email_verified: true, groups: ["finance"] },
};

let provider: TestProvider;
let settings: OidcSettings;

beforeAll(async () => {
  provider = await startOidcProvider({ redirectUri: REDIRECT_URI, accounts });
  settings = {
    issuer: new URL(provider.issuer),
    clientId: provider.clientId,
    clientSecret: provider.clientSecret,
    displayName: "Test IdP",
    scopes: ["openid", "email", "groups"],
    allowedDomains: ["example.com"],
    roleClaim: "groups",
    roleMap: [
      ["vigil-owners", "owner"],
      ["sre", "editor"],
      ["support", "viewer"],
    ],
    defaultRole: null,
    redirectUri: REDIRECT_URI,
  };
});
afterAll(() => provider?.stop());

/** The browser's round trip: start, log in at the provider as `login`, come back (at `returnAt`). */
async function signInAs(login: string, { returnAt = at(5), using = settings }: { returnAt?: Date; using?: OidcSettings } = {}) {
  const started = await beginOidcSignIn({ ctx: { now: T0, client }, input: { settings: using } });
  if (!started.ok) throw new Error(`start failed: ${started.reason}`);
  const callback = await signInAt(started.authorizationUrl, login, REDIRECT_URI);
  return completeOidcSignIn({ ctx: { now: returnAt, client }, input: { settings: using, flowToken: started.flowToken, callbackParams: callback.searchParams } });
}

async function lastAudit(action: string) {
  return db().auditLog.findFirst({ where: { action }, orderBy: { id: "desc" } });
}

describe("OIDC sign-in", () => {
  it("sends the browser to the provider with PKCE, state and nonce", async () => {
    const started = await beginOidcSignIn({ ctx: { now: T0, client }, input: { settings } });
    if (!started.ok) throw new Error(started.reason);
    const params = started.authorizationUrl.searchParams;
    expect(started.authorizationUrl.origin).toBe(provider.issuer);
    expect(params.get("redirect_uri")).toBe(REDIRECT_URI);
    expect(params.get("code_challenge_method")).toBe("S256");
    expect(params.get("state")).toMatch(/^[\w-]{20,}$/);
    expect(params.get("nonce")).toMatch(/^[\w-]{20,}$/);
    expect(started.expiresAt).toEqual(new Date(T0.getTime() + OIDC_FLOW_TTL_MS));
  });

  it("provisions a new admin with the mapped role, audited, and applies role changes at the next sign-in", async () => {
    const first = await signInAs("ann");
    expect(first).toMatchObject({ ok: true, role: "editor" });
    if (!first.ok) return;
    const session = await readSession(first.token, client.ip, at(6));
    expect(session?.actor).toMatchObject({ email: "ann@example.com", role: "editor" });
    expect(await lastAudit("admin.create")).toMatchObject({ actorLabel: "ann@example.com", objectId: first.adminId, details: { method: "oidc", role: "editor", subject: "ann" } });
    expect(await lastAudit("auth.sign_in")).toMatchObject({ actorLabel: "ann@example.com", ip: client.ip, details: { method: "oidc", issuer: `${provider.issuer}/` } });

    accounts.ann!.groups = ["support", "vigil-owners"];
    const second = await signInAs("ann");
    expect(second).toMatchObject({ ok: true, role: "owner", adminId: first.adminId });
    // The role changed: the session from before it ended, as with a change in the console.
    expect(await readSession(first.token, client.ip, at(7))).toBeNull();
    expect(await readSession(second.ok ? second.token : "", client.ip, at(7))).toMatchObject({ actor: { role: "owner" } });
    expect(await lastAudit("admin.change")).toMatchObject({ objectId: first.adminId, details: { before: { role: "editor" }, after: { role: "owner" } } });
    expect(await db().adminUser.count({ where: { email: "ann@example.com" } })).toBe(1);
  });

  it("signs in an existing password admin with the same email, with the provider's role", async () => {
    const existing = await createAdmin({ ctx: ctxFor({ system: "test" }), input: CreateAdmin.parse({ email: "pat@example.com", password: "violet harbour lantern 42", role: "editor" }) });
    expect(await signInAs("pat")).toMatchObject({ ok: true, adminId: existing.id, role: "viewer" });
  });

  it("refuses an email outside the allowed domains, an unverified email and an unmapped user, each audited", async () => {
    for (const [login, reason, email] of [
      ["mallory", "wrong_domain", "mallory@elsewhere.test"],
      ["una", "unverified_email", "una@example.com"],
      ["finn", "unmapped_role", "finn@example.com"],
    ] as const) {
      expect(await signInAs(login)).toEqual({ ok: false, reason });
      expect(await lastAudit("auth.sign_in_failed")).toMatchObject({ actorLabel: email, ip: client.ip, details: { method: "oidc", reason, subject: login } });
      expect(await db().adminUser.findUnique({ where: { email } })).toBeNull();
    }
    // With a default role, the unmapped user gets it.
    expect(await signInAs("finn", { using: { ...settings, defaultRole: "viewer" } })).toMatchObject({ ok: true, role: "viewer" });
  });

  it("refuses a callback whose state belongs to another sign-in (login CSRF), and a flow used twice or too late", async () => {
    const mine = await beginOidcSignIn({ ctx: { now: T0, client }, input: { settings } });
    const attackers = await beginOidcSignIn({ ctx: { now: T0, client }, input: { settings } });
    if (!mine.ok || !attackers.ok) throw new Error("start failed");
    const attackerCallback = await signInAt(attackers.authorizationUrl, "olga", REDIRECT_URI);
    const planted = { settings, flowToken: mine.flowToken, callbackParams: attackerCallback.searchParams };
    expect(await completeOidcSignIn({ ctx: { now: at(5), client }, input: planted })).toEqual({ ok: false, reason: "state_mismatch" });
    expect(await lastAudit("auth.sign_in_failed")).toMatchObject({ actorLabel: "oidc", details: { reason: "state_mismatch" } });
    // The attacker's own flow still works once, then never again; no cookie at all is an expired flow.
    const own = { settings, flowToken: attackers.flowToken, callbackParams: attackerCallback.searchParams };
    expect(await completeOidcSignIn({ ctx: { now: at(5), client }, input: own })).toMatchObject({ ok: true, role: "owner" });
    expect(await completeOidcSignIn({ ctx: { now: at(6), client }, input: own })).toEqual({ ok: false, reason: "expired" });
    expect(await completeOidcSignIn({ ctx: { now: at(6), client }, input: { ...own, flowToken: null } })).toEqual({ ok: false, reason: "expired" });

    expect(await signInAs("olga", { returnAt: at(OIDC_FLOW_TTL_MS / 1000 + 1) })).toEqual({ ok: false, reason: "expired" });
  });

  it("reports the provider's own refusal", async () => {
    const started = await beginOidcSignIn({ ctx: { now: T0, client }, input: { settings } });
    if (!started.ok) throw new Error(started.reason);
    const callbackParams = new URLSearchParams({ error: "access_denied", state: started.authorizationUrl.searchParams.get("state")!, iss: provider.issuer });
    expect(await completeOidcSignIn({ ctx: { now: at(5), client }, input: { settings, flowToken: started.flowToken, callbackParams } })).toEqual({ ok: false, reason: "idp_error" });
    expect(await lastAudit("auth.sign_in_failed")).toMatchObject({ details: { reason: "idp_error", error: "access_denied" } });
  });

  it("refuses a disabled admin; the last enabled owner keeps the owner role", async () => {
    const dora = await signInAs("dora");
    if (!dora.ok) throw new Error(dora.reason);
    await changeAdmin({ ctx: ctxFor({ system: "test" }), input: { adminId: dora.adminId, role: "editor", disabled: true } });
    expect(await signInAs("dora")).toEqual({ ok: false, reason: "disabled" });
    expect(await lastAudit("auth.sign_in_failed")).toMatchObject({ actorLabel: "dora@example.com", objectId: dora.adminId, details: { reason: "disabled" } });

    // Every owner but olga leaves; the provider then says olga is only an editor.
    await db().adminUser.updateMany({ where: { role: "owner", email: { not: "olga@example.com" } }, data: { disabledAt: at(0) } });
    accounts.olga!.groups = ["sre"];
    expect(await signInAs("olga")).toMatchObject({ ok: true, role: "owner" });
    expect(await lastAudit("admin.change")).toMatchObject({ actorLabel: "olga@example.com", details: { before: { role: "owner" }, after: { role: "owner" }, kept: "last enabled owner" } });
  });

  it("without a role map, seeds new admins with the default role and leaves existing admins' roles to Vigil", async () => {
    const using: OidcSettings = { ...settings, roleMap: [], defaultRole: "viewer" };
    accounts.quinn = { email: "quinn@example.com", email_verified: true };
    expect(await signInAs("quinn", { using })).toMatchObject({ ok: true, role: "viewer" });
    // olga is an owner in Vigil; the default role does not demote her.
    expect(await signInAs("olga", { using })).toMatchObject({ ok: true, role: "owner" });
  });

  it("says when the provider cannot be reached", async () => {
    const offline = { ...settings, issuer: new URL("http://127.0.0.1:9/") };
    expect(await beginOidcSignIn({ ctx: { now: T0, client }, input: { settings: offline } })).toEqual({ ok: false, reason: "idp_unreachable" });
  });
});
