import { describe, expect, it } from "vitest";
import { verifyPassword } from "../lib/auth/passwords";
import { SignIn } from "../lib/auth/schemas";
import { signIn } from "../lib/auth/sign-in";
import { db } from "../lib/db";
import { runAdminCli } from "../test/run-admin-cli";

// DATABASE_URL in this process's environment: this file's test database.
const admin = (args: string[], stdin?: string) => runAdminCli(args, { env: process.env, stdin });

describe("npm run admin", () => {
  it("creates the first admin as owner with a generated password, stored as an argon2id hash", async () => {
    const result = await admin(["create", "  Owner@Example.COM "]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("created owner owner@example.com");
    const password = /password \(shown once\): (\S+)/.exec(result.stdout)?.[1];
    expect(password).toHaveLength(24);

    const stored = await db().adminUser.findUniqueOrThrow({ where: { email: "owner@example.com" } });
    expect(stored.role).toBe("owner");
    expect(stored.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    expect(await verifyPassword(stored.passwordHash, password!)).toBe(true);
    expect(await verifyPassword(stored.passwordHash, "wrong password")).toBe(false);
    expect(await db().auditLog.findFirst({ where: { action: "admin.create", objectId: stored.id } })).toMatchObject({
      actorLabel: "cli",
    });
  });

  it("makes later admins editors unless told, takes a password on stdin, and refuses duplicates", async () => {
    const created = await admin(["create", "editor@example.com", "--password-stdin"], "correct horse battery\n");
    expect(created.code).toBe(0);
    expect(created.stdout).toContain("created editor editor@example.com");
    expect(created.stdout).not.toContain("shown once");
    const stored = await db().adminUser.findUniqueOrThrow({ where: { email: "editor@example.com" } });
    expect(await verifyPassword(stored.passwordHash, "correct horse battery")).toBe(true);

    const duplicate = await admin(["create", "EDITOR@example.com", "--role", "viewer"]);
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toContain("an admin with email editor@example.com already exists");
  });

  it("resets a password and signs the admin out everywhere", async () => {
    const target = await db().adminUser.findUniqueOrThrow({ where: { email: "editor@example.com" } });
    await db().adminSession.create({ data: { adminId: target.id, tokenHash: "h1", expiresAt: new Date(Date.now() + 3600_000) } });
    const reset = await admin(["reset-password", "editor@example.com", "--password-stdin"], "another long passphrase");
    expect(reset.code).toBe(0);
    const after = await db().adminUser.findUniqueOrThrow({ where: { id: target.id } });
    expect(await verifyPassword(after.passwordHash, "another long passphrase")).toBe(true);
    expect(await db().adminSession.count({ where: { adminId: target.id, revokedAt: null } })).toBe(0);

    const missing = await admin(["reset-password", "nobody@example.com"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("no admin with email nobody@example.com");
  });

  it.each([
    [["create"], "email"],
    [["create", "not-an-email"], "email: must be an email address"],
    [["promote", "a@example.com"], "the command must be create, reset-password, clear-throttle or reset-second-factor"],
    [["reset-second-factor"], "email"],
    [["clear-throttle", "a@example.com", "--ip", "not-an-address"], "ips.0: must be an IP address"],
    [["create", "a@example.com", "--role", "king"], "role"],
    [["create", "a@example.com", "--bogus"], "Unknown option '--bogus'"],
  ])("answers bad usage %j with exit 64 and a clear message", async (args, message) => {
    const result = await admin(args);
    expect(result.code).toBe(64);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain("usage: npm run -s admin --");
  });

  it("clears a sign-in throttle: the throttled client signs in at once, and the clearing is audited", async () => {
    const email = "throttled@example.com";
    const password = "a long enough passphrase 7";
    expect((await admin(["create", email, "--password-stdin"], password)).code).toBe(0);
    const now = new Date();
    const attempt = (guess: string) => signIn({ ctx: { now, client: { ip: "203.0.113.5", userAgent: null } }, input: SignIn.parse({ email, password: guess }) });
    for (let i = 0; i < 4; i++) await attempt("wrong password!");
    expect(await attempt(password)).toMatchObject({ ok: false, retryAfterSeconds: expect.any(Number) });

    const cleared = await admin(["clear-throttle", email, "--ip", "203.0.113.5"]);
    expect(cleared.stderr).toBe("");
    expect(cleared.code).toBe(0);
    expect(cleared.stdout).toContain(`cleared 3 sign-in throttle counters of ${email}; they can sign in now`);
    expect(await attempt(password)).toMatchObject({ ok: true });
    expect(await db().auditLog.findFirst({ where: { action: "auth.throttle_cleared" } })).toMatchObject({ actorLabel: "cli", details: { email, ips: ["203.0.113.5"], cleared: 3 } });
  });

  it("resets a lost second factor: app, passkeys and recovery codes gone, sessions ended, audited", async () => {
    const email = "lost-phone@example.com";
    expect((await admin(["create", email, "--password-stdin"], "a long enough passphrase 8")).code).toBe(0);
    const { id: adminId } = await db().adminUser.findUniqueOrThrow({ where: { email } });
    const now = new Date();
    await db().adminTotp.create({ data: { adminId, secretSealed: "v1.sealed", confirmedAt: now, createdAt: now } });
    await db().adminPasskey.create({ data: { adminId, name: "Phone", credentialId: "lost-credential", publicKey: Buffer.alloc(0), counter: 0n, createdAt: now } });
    await db().adminRecoveryCode.create({ data: { adminId, codeHash: "lost-code", createdAt: now } });
    await db().adminSession.create({ data: { adminId, tokenHash: "lost-session", expiresAt: new Date(now.getTime() + 3600_000) } });

    const reset = await admin(["reset-second-factor", "Lost-Phone@example.com"]);
    expect(reset.stderr).toBe("");
    expect(reset.code).toBe(0);
    expect(reset.stdout).toContain(`removed the second factors of ${email} (authenticator app: 1, passkeys: 1, recovery codes: 1) and signed out 1 session(s)`);
    expect(await db().adminTotp.count({ where: { adminId } })).toBe(0);
    expect(await db().adminPasskey.count({ where: { adminId } })).toBe(0);
    expect(await db().adminSession.count({ where: { adminId, revokedAt: null } })).toBe(0);
    expect(await db().auditLog.findFirst({ where: { action: "second_factor.reset", objectId: adminId } })).toMatchObject({ actorLabel: "cli" });

    const missing = await admin(["reset-second-factor", "nobody@example.com"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("no admin with email nobody@example.com");
  });

  it("rejects a short password given on stdin", async () => {
    const result = await admin(["create", "short@example.com", "--password-stdin"], "hunter2");
    expect(result.code).toBe(64);
    expect(result.stderr).toContain("password must be at least 12 characters");
    expect(await db().adminUser.count({ where: { email: "short@example.com" } })).toBe(0);
  });
});
