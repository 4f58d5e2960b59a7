// Sign-in, sessions, first-run setup and the audit log's append-only rule on a real database.
import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { db } from "../db";
import { ctxFor } from "../../test/verbs";
import { createAdmin } from "./admin-accounts";
import { CompleteSetup, CreateAdmin, SignIn } from "./schemas";
import { endSession, readSession, revokeOwnSession, SESSION_ABSOLUTE_TIMEOUT_MS, SESSION_IDLE_TIMEOUT_MS, listOwnSessions, startSession } from "./sessions";
import { completeSetup, isSetupTokenValid, issueSetupToken, SETUP_TOKEN_TTL_MS, SetupUnavailableError } from "./setup-tokens";
import { SIGN_IN_FAILED, signIn } from "./sign-in";

const T0 = new Date("2026-12-01T10:00:00.000Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const PASSWORD = "violet harbour lantern 42";

// As the sign-in and setup server actions call them: the form parsed first, then the verb.
const attemptSignIn = async (input: SignIn, client: { ip: string | null; userAgent: string | null }, now: Date) => signIn({ ctx: { now, client }, input: SignIn.parse(input) });
const setUpOwner = async (input: CompleteSetup, ip: string, now: Date) => completeSetup({ ctx: { now, client: { ip, userAgent: null } }, input: CompleteSetup.parse(input) });

async function account(role: "owner" | "editor" | "viewer" = "editor") {
  const email = `${role}-${crypto.randomUUID().slice(0, 8)}@example.fm`;
  await createAdmin({ ctx: ctxFor({ system: "test" }), input: CreateAdmin.parse({ email, password: PASSWORD, role }) });
  return email;
}

describe("setup link (runs first: the database has no admin yet)", () => {
  it("creates the owner once; the link is single-use, expires, and dies when an admin exists", async () => {
    const expired = (await issueSetupToken(at(-SETUP_TOKEN_TTL_MS / 1000 - 1)))!;
    const token = (await issueSetupToken(T0))!;
    expect(token).toMatch(/^[\w-]{43}$/);
    expect(await isSetupTokenValid(token, at(1))).toBe(true);
    expect(await isSetupTokenValid(expired, at(1))).toBe(false);
    await expect(setUpOwner({ token: expired, email: "first@example.fm", password: PASSWORD }, "192.0.2.1", at(1))).rejects.toThrow(SetupUnavailableError);
    await expect(setUpOwner({ token, email: "first@example.fm", password: "password2026!" }, "192.0.2.1", at(1))).rejects.toThrow(ZodError);
    expect(await db().adminUser.count()).toBe(0);

    // Two people racing with the same link: exactly one owner.
    const results = await Promise.allSettled([
      setUpOwner({ token, email: "first@example.fm", password: PASSWORD }, "192.0.2.1", at(2)),
      setUpOwner({ token, email: "second@example.fm", password: PASSWORD }, "192.0.2.2", at(2)),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db().adminUser.findMany({ select: { role: true } })).toEqual([{ role: "owner" }]);
    expect(await isSetupTokenValid(token, at(3))).toBe(false);
    expect(await issueSetupToken(at(3))).toBeNull();
    expect(await db().auditLog.count({ where: { action: "admin.setup" } })).toBe(1);
  });
});

describe("sign-in", () => {
  it("answers an unknown email and a wrong password identically, and audits both with the IP", async () => {
    const email = await account();
    const unknown = await attemptSignIn({ email: "nobody@example.fm", password: PASSWORD }, { ip: "198.51.100.1", userAgent: null }, T0);
    const wrong = await attemptSignIn({ email, password: "not it at all" }, { ip: "198.51.100.2", userAgent: null }, T0);
    expect(unknown).toEqual({ ok: false, error: SIGN_IN_FAILED });
    expect(wrong).toEqual(unknown);
    const failures = await db().auditLog.findMany({ where: { action: "auth.sign_in_failed", actorLabel: { in: ["nobody@example.fm", email] } }, orderBy: { id: "asc" } });
    expect(failures.map((f) => [f.actorLabel, f.ip])).toEqual([
      ["nobody@example.fm", "198.51.100.1"],
      [email, "198.51.100.2"],
    ]);
  });

  it("backs off per account and client address together (never a lockout) and signs in with a fresh session", async () => {
    const email = await account();
    const client = (n: number) => ({ ip: `203.0.113.${n}`, userAgent: "test" });
    for (let i = 0; i < 3; i++) expect(await attemptSignIn({ email, password: "wrong guess!" }, client(1), at(i))).toEqual({ ok: false, error: SIGN_IN_FAILED });
    // 3 failures from this client: it waits 1 s, even with the right password …
    expect(await attemptSignIn({ email, password: PASSWORD }, client(1), at(2.5))).toMatchObject({ ok: false, retryAfterSeconds: 1 });
    expect(await attemptSignIn({ email, password: "wrong guess!" }, client(1), at(3))).toEqual({ ok: false, error: SIGN_IN_FAILED });
    expect(await attemptSignIn({ email, password: PASSWORD }, client(1), at(4))).toMatchObject({ ok: false, retryAfterSeconds: 1 }); // 4 failures: 2 s
    // … while another client is not held back by them.
    const elsewhere = await attemptSignIn({ email, password: PASSWORD }, client(2), at(4));
    expect(elsewhere).toMatchObject({ ok: true });
    const after = await attemptSignIn({ email, password: PASSWORD }, client(1), at(5));
    expect(after).toMatchObject({ ok: true });
    const again = await attemptSignIn({ email, password: "wrong guess!" }, client(1), at(6));
    expect(again).toEqual({ ok: false, error: SIGN_IN_FAILED }); // success reset this client's counter: a miss is free again
    if (!after.ok || !elsewhere.ok) throw new Error("unreachable");
    expect(after.token).not.toBe(elsewhere.token); // a new session every sign-in
    expect(await db().auditLog.count({ where: { actorLabel: email, action: "auth.sign_in" } })).toBe(2);
    expect(await db().auditLog.count({ where: { actorLabel: email, action: "auth.sign_in_throttled" } })).toBe(2);
  });

  it("50 wrong passwords from one address: the owner signs in from another address at once; the attacker waits", async () => {
    const email = await account("owner");
    const attacker = { ip: "198.51.100.66", userAgent: "guesser" };
    let t = 0;
    let failures = 0;
    // Each guess as soon as the attacker is allowed one, so all 50 are real failures.
    while (failures < 50) {
      const result = await attemptSignIn({ email, password: `wrong guess ${failures}!` }, attacker, at(t));
      if (result.ok) throw new Error("a wrong password signed in");
      if (result.retryAfterSeconds) t += result.retryAfterSeconds;
      else failures++;
    }
    expect(await attemptSignIn({ email, password: PASSWORD }, attacker, at(t))).toMatchObject({ ok: false, retryAfterSeconds: 900 });
    expect(await attemptSignIn({ email, password: PASSWORD }, { ip: "192.0.2.10", userAgent: "owner" }, at(t))).toMatchObject({ ok: true });
    // A second address that has missed once itself meets the slower account-wide ceiling (≤ 1 min).
    const helper = { ip: "192.0.2.77", userAgent: null };
    expect(await attemptSignIn({ email, password: "wrong guess!" }, helper, at(t))).toEqual({ ok: false, error: SIGN_IN_FAILED });
    expect(await attemptSignIn({ email, password: PASSWORD }, helper, at(t))).toMatchObject({ ok: false, retryAfterSeconds: 60 });
    expect(await attemptSignIn({ email, password: PASSWORD }, helper, at(t + 60))).toMatchObject({ ok: true });
  });

  it("backs off per IP across accounts after more free failures", async () => {
    const ip = "192.0.2.99";
    for (let i = 0; i < 10; i++) await attemptSignIn({ email: `guess${i}@example.fm`, password: "wrong guess!" }, { ip, userAgent: null }, at(i));
    const email = await account();
    expect(await attemptSignIn({ email, password: PASSWORD }, { ip, userAgent: null }, at(9.5))).toMatchObject({ ok: false, retryAfterSeconds: 1 });
    expect(await attemptSignIn({ email, password: PASSWORD }, { ip: "192.0.2.100", userAgent: null }, at(9.5))).toMatchObject({ ok: true });
    expect(await attemptSignIn({ email, password: PASSWORD }, { ip, userAgent: null }, at(12))).toMatchObject({ ok: true });
  });

  it("refuses a disabled admin with the same answer", async () => {
    const email = await account();
    await db().adminUser.update({ where: { email }, data: { disabledAt: T0 } });
    expect(await attemptSignIn({ email, password: PASSWORD }, { ip: null, userAgent: null }, T0)).toEqual({ ok: false, error: SIGN_IN_FAILED });
  });
});

describe("sessions", () => {
  it("end after the idle timeout, the absolute timeout, revocation, or when the admin is disabled", async () => {
    const email = await account("viewer");
    const { id: adminId } = await db().adminUser.findUniqueOrThrow({ where: { email } });
    const { token } = await startSession({ ctx: { now: T0, client: { ip: "192.0.2.5", userAgent: "a" } }, input: { adminId } });
    expect(await readSession(token, "192.0.2.5", at(60))).toMatchObject({ actor: { adminId, role: "viewer", ip: "192.0.2.5" } });
    // Activity keeps it alive, up to the absolute limit.
    const idle = SESSION_IDLE_TIMEOUT_MS / 1000;
    let t = 60;
    while (t + idle - 60 < SESSION_ABSOLUTE_TIMEOUT_MS / 1000) {
      t += idle - 60;
      expect(await readSession(token, null, at(t)), `alive at ${t}`).not.toBeNull();
    }
    expect(await readSession(token, null, at(SESSION_ABSOLUTE_TIMEOUT_MS / 1000))).toBeNull();

    const second = await startSession({ ctx: { now: T0, client: { ip: null, userAgent: "b" } }, input: { adminId } });
    expect(await readSession(second.token, null, at(idle + 1))).toBeNull(); // idle too long

    const third = await startSession({ ctx: { now: T0, client: { ip: null, userAgent: "c" } }, input: { adminId } });
    const fourth = await startSession({ ctx: { now: T0, client: { ip: null, userAgent: "d" } }, input: { adminId } });
    const current = (await readSession(third.token, null, at(1)))!;
    const listed = await listOwnSessions(current.actor, current.sessionId, at(1));
    expect(listed.map((s) => [s.userAgent, s.current])).toEqual(expect.arrayContaining([["c", true], ["d", false]]));
    const other = listed.find((s) => s.userAgent === "d")!;
    await revokeOwnSession({ ctx: ctxFor(current.actor, at(2)), input: { id: other.id } });
    expect(await readSession(fourth.token, null, at(3))).toBeNull();
    // Someone else's session is not yours to revoke.
    const stranger = await account();
    const strangerId = (await db().adminUser.findUniqueOrThrow({ where: { email: stranger } })).id;
    await expect(revokeOwnSession({ ctx: ctxFor({ adminId: strangerId, email: stranger, role: "editor" }, at(4)), input: { id: current.sessionId } })).rejects.toThrow("no such session");
    const fifth = await startSession({ ctx: { now: T0, client: { ip: null, userAgent: "e" } }, input: { adminId } });
    await endSession({ ctx: { now: at(4), client: { ip: "192.0.2.55", userAgent: null } }, input: { token: fifth.token } });
    await endSession({ ctx: { now: at(4), client: { ip: "192.0.2.55", userAgent: null } }, input: { token: fifth.token } }); // signing out twice records it once
    expect(await readSession(fifth.token, null, at(5))).toBeNull();
    expect(await db().auditLog.findMany({ where: { action: "auth.sign_out", actorId: adminId }, select: { ip: true } })).toEqual([{ ip: "192.0.2.55" }]);
    await db().adminUser.update({ where: { id: adminId }, data: { disabledAt: at(5) } });
    expect(await readSession(third.token, null, at(6))).toBeNull();
  });
});

describe("audit log", () => {
  it("is append-only in the database itself", async () => {
    await db().auditLog.create({ data: { actorLabel: "test", action: "test.row", objectType: "test" } });
    await expect(db().auditLog.updateMany({ where: { action: "test.row" }, data: { actorLabel: "someone else" } })).rejects.toThrow(/append-only/);
    await expect(db().auditLog.deleteMany({ where: { action: "test.row" } })).rejects.toThrow(/append-only/);
    await expect(db().$executeRawUnsafe(`TRUNCATE "AuditLog"`)).rejects.toThrow(/append-only/);
    expect(await db().auditLog.count({ where: { action: "test.row", actorLabel: "test" } })).toBe(1);
  });
});
