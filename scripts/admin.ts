// Admin accounts from the command line — the way to create the first owner, and the recovery path:
//   npm run -s admin -- create <email> [--role owner|editor|viewer] [--password-stdin]
//   npm run -s admin -- reset-password <email> [--password-stdin]
//   npm run -s admin -- clear-throttle <email> [--ip <address>]…
//   npm run -s admin -- reset-second-factor <email>
// Without --password-stdin a random password is generated and printed once. clear-throttle forgets
// the failed sign-ins counted against the account from every address (and against each --ip), so
// the owner can sign in at once while someone keeps guessing. reset-second-factor removes an admin's
// authenticator app, recovery codes and passkeys and signs them out: for one who lost them all.
import { randomBytes } from "node:crypto";
import { text } from "node:stream/consumers";
import { parseArgs } from "node:util";
import { z } from "zod";
import { AdminExistsError, AdminNotFoundError, clearSignInThrottle, countAdmins, createAdmin, resetAdminPassword } from "../lib/auth/admin-accounts";
import { AdminEmail, AdminPassword, AdminRole, ClearSignInThrottle, CreateAdmin, ResetAdminPassword } from "../lib/auth/schemas";
import { EnvError, publicHostname } from "../lib/env";
import { StartupError } from "../lib/errors";
import { withCliDatabase } from "../lib/runtime/cli-database";
import { resetSecondFactor } from "../lib/auth/second-factor/reset-second-factor";

const USAGE = [
  "usage: npm run -s admin -- create|reset-password <email> [--role owner|editor|viewer] [--password-stdin]",
  "       npm run -s admin -- clear-throttle <email> [--ip <address>]…",
  "       npm run -s admin -- reset-second-factor <email>",
].join("\n");

const Command = z.object({
  command: z.enum(["create", "reset-password", "clear-throttle", "reset-second-factor"], {
    error: "the command must be create, reset-password, clear-throttle or reset-second-factor",
  }),
  email: AdminEmail,
  role: AdminRole.optional(),
  passwordStdin: z.boolean(),
  ips: ClearSignInThrottle.shape.ips,
});

function usageError(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(64);
}

function parseCommand() {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: { role: { type: "string" }, "password-stdin": { type: "boolean", default: false }, ip: { type: "string", multiple: true } },
    });
  } catch (error) {
    usageError((error as Error).message);
  }
  const [command, email, ...extra] = parsed.positionals;
  if (extra.length > 0) usageError(`unexpected argument ${extra[0]}`);
  const result = Command.safeParse({
    command,
    email: email ?? "",
    role: parsed.values.role,
    passwordStdin: parsed.values["password-stdin"],
    ips: parsed.values.ip,
  });
  if (!result.success) {
    const issue = result.error.issues[0]!;
    usageError(`${issue.path.join(".") || "arguments"}: ${issue.message}`);
  }
  return result.data;
}

async function readPassword(fromStdin: boolean): Promise<{ password: string; generated: boolean }> {
  if (!fromStdin) return { password: randomBytes(18).toString("base64url"), generated: true };
  const password = (await text(process.stdin)).replace(/\r?\n$/, "");
  const checked = AdminPassword.safeParse(password);
  if (!checked.success) usageError(`password ${checked.error.issues[0]!.message}`);
  return { password, generated: false };
}

async function main() {
  const args = parseCommand();
  if (args.command === "clear-throttle") {
    const { cleared } = await withCliDatabase(() =>
      clearSignInThrottle({ ctx: { actor: { system: "cli" }, now: new Date(), messageIdDomain: publicHostname() }, input: ClearSignInThrottle.parse({ email: args.email, ips: args.ips }) }),
    );
    console.log(`cleared ${cleared} sign-in throttle counter${cleared === 1 ? "" : "s"} of ${args.email}; they can sign in now`);
    return;
  }
  if (args.command === "reset-second-factor") {
    const reset = await withCliDatabase(() => resetSecondFactor({ ctx: { actor: { system: "cli" }, now: new Date(), messageIdDomain: publicHostname() }, input: { email: args.email } }));
    console.log(
      `removed the second factors of ${reset.email} (authenticator app: ${reset.totp}, passkeys: ${reset.passkeys}, recovery codes: ${reset.recoveryCodes}) and signed out ${reset.sessions} session(s); they sign in with their password now`,
    );
    return;
  }
  const { password, generated } = await readPassword(args.passwordStdin);
  await withCliDatabase(async () => {
    const ctx = { actor: { system: "cli" }, now: new Date(), messageIdDomain: publicHostname() };
    if (args.command === "create") {
      const role = args.role ?? ((await countAdmins()) === 0 ? "owner" : "editor");
      const admin = await createAdmin({ ctx, input: CreateAdmin.parse({ email: args.email, password, role }) });
      console.log(`created ${admin.role} ${admin.email}`);
    } else {
      const admin = await resetAdminPassword({ ctx, input: ResetAdminPassword.parse({ email: args.email, password }) });
      console.log(`reset the password of ${admin.email}; their sessions are signed out`);
    }
  });
  if (generated) console.log(`password (shown once): ${password}`);
}

main().catch((error: unknown) => {
  const known = [AdminExistsError, AdminNotFoundError, EnvError, StartupError].some((type) => error instanceof type);
  console.error(known ? (error as Error).message : `failed: ${String(error)}`);
  process.exit(1);
});
