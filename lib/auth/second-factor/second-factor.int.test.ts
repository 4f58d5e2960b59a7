// Second factors on a real database: TOTP enrolment and sign-in (right, wrong, replayed, skewed
// clocks), recovery codes (single use), passkeys (a software authenticator against the real
// WebAuthn checks), the pending sign-in's expiry and throttling, enforcement per role, and the
// CLI's reset. The clock is always passed in.
import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { ctxFor } from "../../../test/verbs";
import { SoftAuthenticator } from "../../../test/soft-authenticator";
import type { SessionContext } from "../../action-context";
import { alertSecretKey, openSecrets } from "../../alerts/secret-box";
import { executeAdminAction } from "../../console/admin-action";
import { consoleActions } from "../../console/console-actions";
import { db } from "../../db";
import { createAdmin } from "../admin-accounts";
import type { Role } from "../actor";
import { CreateAdmin, SignIn } from "../schemas";
import { readSession, startSession } from "../sessions";
import { signIn } from "../sign-in";
import { hashToken } from "../tokens";
import { passkeyRegistrationOptions, registerPasskey, removePasskey } from "./passkeys";
import {
  completeSignInWithCode,
  completeSignInWithPasskey,
  passkeySignInOptions,
  PENDING_SIGN_IN_MAX_FAILURES,
  PENDING_SIGN_IN_TTL_MS,
  PendingSignInExpiredError,
  readPendingSignIn,
  SecondFactorThrottledError,
} from "./pending-sign-in";
import { setSecondFactorRoles } from "./policy";
import { relyingParty } from "./relying-party";
import { resetSecondFactor } from "./reset-second-factor";
import { ConfirmTotp, PasskeySignIn, RegisterPasskey, ResetSecondFactor, SecondFactorCode } from "./schemas";
import { totpCode } from "./totp";
import { confirmTotpEnrolment, regenerateRecoveryCodes, startTotpEnrolment } from "./totp-enrolment";

process.env.ALERT_SECRET_KEY ??= "0".repeat(64); // read on first use, after this line

const T0 = new Date("2026-12-01T10:00:10.000Z"); // 10 s into a 30-second step
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const PASSWORD = "violet harbour lantern 42";
const client = { ip: "192.0.2.7", userAgent: "test" };

async function signedInAdmin(role: Role = "editor") {
  const email = `${role}-${crypto.randomUUID().slice(0, 8)}@example.fm`;
  const admin = await createAdmin({ ctx: ctxFor({ system: "test" }), input: CreateAdmin.parse({ email, password: PASSWORD, role }) });
  const session = await startSession({ ctx: { now: T0, client }, input: { adminId: admin.id } });
  const sessionId = (await db().adminSession.findFirstOrThrow({ where: { adminId: admin.id } })).id;
  const ctx = (now: Date = T0): SessionContext => ({ actor: { adminId: admin.id, email, role, ip: client.ip }, now, sessionId, messageIdDomain: "status.test" });
  return { email, adminId: admin.id, token: session.token, ctx };
}

async function withTotp(role: Role = "editor") {
  const admin = await signedInAdmin(role);
  const { secret } = await startTotpEnrolment({ ctx: admin.ctx(), input: undefined });
  const { recoveryCodes } = await confirmTotpEnrolment({ ctx: admin.ctx(), input: ConfirmTotp.parse({ code: totpCode(secret, T0) }) });
  return { ...admin, secret, recoveryCodes };
}

const password = (email: string, now: Date) => signIn({ ctx: { now, client }, input: SignIn.parse({ email, password: PASSWORD }) });
async function pendingToken(email: string, now: Date): Promise<string> {
  const result = await password(email, now);
  expect(result).toMatchObject({ ok: true, step: "second_factor" });
  return (result as { token: string }).token;
}
const withCode = (token: string, input: { method: "totp" | "recovery_code"; code: string }, now: Date) =>
  completeSignInWithCode({ ctx: { now, client }, input: { token, ...SecondFactorCode.parse(input) } });

describe("authenticator app (TOTP)", () => {
  it("is enrolled with a code from the app; the secret is sealed at rest; each step is audited", async () => {
    const admin = await signedInAdmin();
    const { secret, uri } = await startTotpEnrolment({ ctx: admin.ctx(), input: undefined });
    expect(uri).toMatch(/^otpauth:\/\/totp\/Vigil:.+\?.*secret=[A-Z2-7]+/);
    const stored = await db().adminTotp.findUniqueOrThrow({ where: { adminId: admin.adminId } });
    expect(stored.secretSealed).not.toContain(secret);
    expect(openSecrets(stored.secretSealed, await alertSecretKey())).toEqual({ totp: secret });
    // Not confirmed yet: the password alone still signs in.
    expect(await password(admin.email, T0)).toMatchObject({ ok: true, step: "session" });

    await expect(confirmTotpEnrolment({ ctx: admin.ctx(), input: ConfirmTotp.parse({ code: "000000" === totpCode(secret, T0) ? "111111" : "000000" }) })).rejects.toThrow(/not right/);
    expect(() => ConfirmTotp.parse({ code: "12345" })).toThrow(ZodError);
    const { recoveryCodes } = await confirmTotpEnrolment({ ctx: admin.ctx(), input: ConfirmTotp.parse({ code: totpCode(secret, T0).replace(/(...)/, "$1 ") }) });
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[a-z2-7]{4}(-[a-z2-7]{4}){3}$/);
    const hashes = await db().adminRecoveryCode.findMany({ where: { adminId: admin.adminId } });
    expect(hashes.map((h) => h.codeHash).join()).not.toContain(recoveryCodes[0]!.replace(/-/g, ""));
    await expect(startTotpEnrolment({ ctx: admin.ctx(), input: undefined })).rejects.toThrow(/already use an authenticator app/);

    const audit = await db().auditLog.findMany({ where: { actorId: admin.adminId, action: { startsWith: "second_factor." } }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["second_factor.totp_started", "second_factor.totp_enabled"]);
  });

  it("signs in with the current code, a code one step off either way, and never the same code twice", async () => {
    const admin = await withTotp();
    // The password alone opens no session: its token is not a session token.
    const token = await pendingToken(admin.email, at(60));
    expect(await readSession(token, null, at(60))).toBeNull();
    expect(await readPendingSignIn(token, at(60))).toMatchObject({ email: admin.email, methods: { totp: true, recoveryCode: true, passkey: false } });

    const signedIn = await withCode(token, { method: "totp", code: totpCode(admin.secret, at(60)) }, at(60));
    const session = await db().adminSession.findUniqueOrThrow({ where: { tokenHash: hashToken(signedIn.token) } });
    expect(session).toMatchObject({ adminId: admin.adminId, secondFactor: "totp" });
    expect(await readSession(signedIn.token, null, at(61))).toMatchObject({ sessionId: session.id, secondFactorOwed: false });
    // The pending sign-in is spent.
    await expect(withCode(token, { method: "totp", code: totpCode(admin.secret, at(90)) }, at(90))).rejects.toThrow(PendingSignInExpiredError);

    // Replay: the same code, still within its window, on a new sign-in.
    const again = await pendingToken(admin.email, at(70));
    await expect(withCode(again, { method: "totp", code: totpCode(admin.secret, at(60)) }, at(70))).rejects.toThrow(/already used/);
    // A phone 30 s behind (the previous step) is fine once the step is newer than the last used one.
    await expect(withCode(again, { method: "totp", code: totpCode(admin.secret, at(90)) }, at(120))).resolves.toMatchObject({ adminId: admin.adminId });
    // A phone 30 s ahead is fine; 60 s off either way is not.
    const ahead = await pendingToken(admin.email, at(150));
    await expect(withCode(ahead, { method: "totp", code: totpCode(admin.secret, at(270)) }, at(210))).rejects.toThrow(/not right/);
    await expect(withCode(ahead, { method: "totp", code: totpCode(admin.secret, at(180)) }, at(240) /* two steps later */)).rejects.toThrow(/not right|already used/);
    await expect(withCode(ahead, { method: "totp", code: totpCode(admin.secret, at(300)) }, at(270))).resolves.toMatchObject({ adminId: admin.adminId });

    const actions = await db().auditLog.findMany({ where: { actorId: admin.adminId, action: { startsWith: "auth." } }, orderBy: { id: "asc" }, select: { action: true, details: true } });
    expect(actions.filter((a) => a.action === "auth.sign_in").map((a) => a.details)).toEqual([{ secondFactor: "totp" }, { secondFactor: "totp" }, { secondFactor: "totp" }]);
    expect(actions.filter((a) => a.action === "auth.second_factor_failed")).toHaveLength(3);
  });

  it("a pending sign-in expires, and dies after too many wrong answers; wrong answers also slow the account", async () => {
    const admin = await withTotp();
    const late = await pendingToken(admin.email, at(60));
    await expect(withCode(late, { method: "totp", code: totpCode(admin.secret, at(60 + PENDING_SIGN_IN_TTL_MS / 1000)) }, at(60 + PENDING_SIGN_IN_TTL_MS / 1000))).rejects.toThrow(
      PendingSignInExpiredError,
    );
    expect(await readPendingSignIn(late, at(60 + PENDING_SIGN_IN_TTL_MS / 1000))).toBeNull();
    await expect(withCode("no-such-token", { method: "totp", code: "123456" }, at(60))).rejects.toThrow(PendingSignInExpiredError);
    expect(() => SecondFactorCode.parse({ method: "totp", code: "12ab56" })).toThrow(ZodError);
    expect(() => SecondFactorCode.parse({ method: "recovery_code", code: "not a code" })).toThrow(ZodError);

    const token = await pendingToken(admin.email, at(400));
    const wrong = totpCode(admin.secret, at(400)) === "000000" ? "111111" : "000000";
    for (let i = 1; i < PENDING_SIGN_IN_MAX_FAILURES; i++) await expect(withCode(token, { method: "totp", code: wrong }, at(400))).rejects.toThrow(/not right/);
    await expect(withCode(token, { method: "totp", code: wrong }, at(400))).rejects.toThrow(/sign in again/);
    // Dead even for the right code.
    await expect(withCode(token, { method: "totp", code: totpCode(admin.secret, at(400)) }, at(400))).rejects.toThrow(PendingSignInExpiredError);
    // A new sign-in gets no fresh guesses straight away: the account's counter makes it wait.
    const next = await pendingToken(admin.email, at(400.5));
    await expect(withCode(next, { method: "totp", code: totpCode(admin.secret, at(400.5)) }, at(400.5))).rejects.toThrow(SecondFactorThrottledError);
    await expect(withCode(next, { method: "totp", code: totpCode(admin.secret, at(402)) }, at(402))).resolves.toMatchObject({ adminId: admin.adminId });
  });
});

describe("recovery codes", () => {
  it("each signs in once, typed in any case with or without dashes; new codes replace the old", async () => {
    const admin = await withTotp();
    const [first, second] = admin.recoveryCodes;
    const token = await pendingToken(admin.email, at(60));
    await withCode(token, { method: "recovery_code", code: first!.toUpperCase().replace(/-/g, " ") }, at(60));
    const again = await pendingToken(admin.email, at(61));
    await expect(withCode(again, { method: "recovery_code", code: first! }, at(61))).rejects.toThrow(/already used/);
    await expect(withCode(again, { method: "recovery_code", code: second! }, at(62))).resolves.toMatchObject({ adminId: admin.adminId });
    expect(await db().adminRecoveryCode.count({ where: { adminId: admin.adminId, usedAt: null } })).toBe(8);

    const { recoveryCodes } = await regenerateRecoveryCodes({ ctx: admin.ctx(at(70)), input: undefined });
    const third = await pendingToken(admin.email, at(71));
    await expect(withCode(third, { method: "recovery_code", code: admin.recoveryCodes[2]! }, at(71))).rejects.toThrow(/not right/);
    await expect(withCode(third, { method: "recovery_code", code: recoveryCodes[0]! }, at(72))).resolves.toMatchObject({ adminId: admin.adminId });
  });
});

describe("passkeys", () => {
  it("register (several, named), sign in, and are removed; an answer for another site is refused", async () => {
    const admin = await signedInAdmin("owner");
    const rp = relyingParty();
    const key = new SoftAuthenticator(rp.id, rp.origin);
    const register = async (authenticator: SoftAuthenticator, name: string, now: Date, origin?: string) => {
      const options = await passkeyRegistrationOptions({ ctx: admin.ctx(now), input: undefined });
      expect(options.rp.id).toBe(rp.id);
      return registerPasskey({ ctx: admin.ctx(now), input: RegisterPasskey.parse({ name, response: authenticator.register(options.challenge, origin) }) });
    };
    await expect(register(new SoftAuthenticator(rp.id, rp.origin), "Phished", at(1), "https://evil.example")).rejects.toThrow(/could not be verified/);
    const first = await register(key, "Desk key", at(2));
    expect(first.recoveryCodes).toHaveLength(10); // the first factor brings recovery codes
    const spare = new SoftAuthenticator(rp.id, rp.origin);
    const second = await register(spare, "Spare key", at(3));
    expect(second.recoveryCodes).toBeNull();
    // A registration answer cannot be posted twice.
    await expect(registerPasskey({ ctx: admin.ctx(at(4)), input: RegisterPasskey.parse({ name: "Again", response: spare.register("stale") }) })).rejects.toThrow(/expired/);

    const token = await pendingToken(admin.email, at(10));
    const passkeyIn = async (authenticator: SoftAuthenticator, now: Date, origin?: string) => {
      const options = await passkeySignInOptions({ ctx: { now, client }, input: { token } });
      expect(options.allowCredentials?.map((c) => c.id).sort()).toEqual([key.id, spare.id].sort());
      return completeSignInWithPasskey({ ctx: { now, client }, input: { token, ...PasskeySignIn.parse({ response: authenticator.authenticate(options.challenge, origin) }) } });
    };
    await expect(passkeyIn(key, at(11), "https://evil.example")).rejects.toThrow(/could not be verified/);
    await expect(passkeyIn(new SoftAuthenticator(rp.id, rp.origin), at(12))).rejects.toThrow(/not one of yours/);
    const signedIn = await passkeyIn(key, at(13));
    expect(await readSession(signedIn.token, null, at(14))).toMatchObject({ actor: { adminId: admin.adminId } });
    expect(await db().adminPasskey.findFirstOrThrow({ where: { credentialId: key.id } })).toMatchObject({ counter: 2n, lastUsedAt: at(13) });

    const passkeys = await db().adminPasskey.findMany({ where: { adminId: admin.adminId }, orderBy: { createdAt: "asc" } });
    expect(passkeys.map((p) => p.name)).toEqual(["Desk key", "Spare key"]);
    for (const passkey of passkeys) await removePasskey({ ctx: admin.ctx(at(20)), input: { id: passkey.id } });
    // No factor left: the recovery codes go too, and the password alone signs in again.
    expect(await db().adminRecoveryCode.count({ where: { adminId: admin.adminId } })).toBe(0);
    expect(await password(admin.email, at(21))).toMatchObject({ ok: true, step: "session" });
    const audit = await db().auditLog.findMany({ where: { actorId: admin.adminId, action: { startsWith: "second_factor.passkey" } } });
    expect(audit.map((a) => a.action).sort()).toEqual(["second_factor.passkey_added", "second_factor.passkey_added", "second_factor.passkey_removed", "second_factor.passkey_removed"]);
  });
});

describe("enforcement per role", () => {
  const facts = (token: string) => ({ sessionToken: token, origin: "http://127.0.0.1:3000", host: "127.0.0.1:3000", scheme: "http" as const, ip: client.ip, userAgent: "test" });
  const form = (fields: Record<string, string>) => {
    const data = new FormData();
    for (const [k, v] of Object.entries(fields)) data.append(k, v);
    return data;
  };

  it("an admin of a required role without a factor may only enrol; enrolling satisfies the session; identity providers count", async () => {
    await db().$transaction((tx) => setSecondFactorRoles(tx, ["owner", "editor"]));
    try {
      const editor = await signedInAdmin("editor");
      const viewer = await signedInAdmin("viewer");
      const result = await password(editor.email, T0);
      expect(result).toMatchObject({ ok: true, step: "session" });
      const token = (result as { token: string }).token;
      expect(await readSession(token, null, at(1))).toMatchObject({ secondFactorOwed: true });
      expect(await readSession(viewer.token, null, at(1))).toMatchObject({ secondFactorOwed: false });

      const refused = await executeAdminAction(consoleActions.createApiKey, facts(token), form({ name: "CI", scope: "read" }), at(2));
      expect(refused).toEqual({ ok: false, error: "Your role requires a second factor: set one up under Account first.", fieldErrors: {} });
      expect(await db().apiKey.count({ where: { createdById: editor.adminId } })).toBe(0);

      const started = await executeAdminAction(consoleActions.startTotpEnrolment, facts(token), form({}), at(3));
      expect(started).toMatchObject({ ok: true, data: { secret: expect.any(String) } });
      const secret = started.ok ? String(started.data?.secret) : "";
      const badFormat = await executeAdminAction(consoleActions.confirmTotp, facts(token), form({ code: "12" }), at(4));
      expect(badFormat).toMatchObject({ ok: false, fieldErrors: { code: ["enter the 6-digit code from your authenticator app"] } });
      const confirmed = await executeAdminAction(consoleActions.confirmTotp, facts(token), form({ code: totpCode(secret, at(4)) }), at(4));
      expect(confirmed).toMatchObject({ ok: true, data: { recoveryCodes: expect.any(Array) } });
      expect(await readSession(token, null, at(5))).toMatchObject({ secondFactorOwed: false });
      expect(await executeAdminAction(consoleActions.createApiKey, facts(token), form({ name: "CI", scope: "read" }), at(6))).toMatchObject({ ok: true });

      // Another session of the same admin from before the rule still owes it; an OpenID Connect sign-in does not.
      expect(await readSession(editor.token, null, at(7))).toMatchObject({ secondFactorOwed: true });
      const sso = await startSession({ ctx: { now: at(8), client }, input: { adminId: editor.adminId, secondFactor: "identity_provider" } });
      expect(await readSession(sso.token, null, at(9))).toMatchObject({ secondFactorOwed: false });
    } finally {
      await db().$transaction((tx) => setSecondFactorRoles(tx, []));
    }
  });
});

describe("reset from the CLI", () => {
  it("removes every factor, cancels pending sign-ins and signs the admin out; audited", async () => {
    const admin = await withTotp("owner");
    const token = await pendingToken(admin.email, at(60));
    const reset = await resetSecondFactor({ ctx: ctxFor({ system: "cli" }, at(61)), input: ResetSecondFactor.parse({ email: admin.email.toUpperCase() }) });
    expect(reset).toMatchObject({ email: admin.email, totp: 1, recoveryCodes: 10, passkeys: 0 });
    expect(await readSession(admin.token, null, at(62))).toBeNull();
    await expect(withCode(token, { method: "totp", code: totpCode(admin.secret, at(62)) }, at(62))).rejects.toThrow(PendingSignInExpiredError);
    expect(await password(admin.email, at(63))).toMatchObject({ ok: true, step: "session" });
    expect(await db().auditLog.count({ where: { action: "second_factor.reset", objectId: admin.adminId, actorLabel: "cli" } })).toBe(1);
    await expect(resetSecondFactor({ ctx: ctxFor({ system: "cli" }, at(64)), input: { email: "nobody@example.fm" } })).rejects.toThrow(/no admin/);
  });
});
