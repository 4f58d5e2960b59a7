"use server";
// Sign-in, first-run setup and sign-out. These run without a session (or end one), so they do their
// own same-origin check; everything else goes through executeAdminAction.
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { ZodError } from "zod";
import { assertSameOrigin } from "@/lib/auth/request-guard";
import { requestFacts } from "@/lib/auth/require-admin";
import { endSession, startSession } from "@/lib/auth/sessions";
import { pendingSignInCookie, sessionCookie, sessionCookieOptions } from "@/lib/auth/session-cookie";
import { completeSetup } from "@/lib/auth/setup-tokens";
import { CompleteSetup, SignIn } from "@/lib/auth/schemas";
import { signIn } from "@/lib/auth/sign-in";
import { assertSafeForm, type ActionState } from "@/lib/console/admin-action";
import { formError } from "@/lib/http/error-response";

/** Where a sign-in goes on when the admin has a second factor (second-factor-actions.ts takes it from there). */
const SECOND_FACTOR_PATH = "/admin/login/second-factor";

async function setSessionCookie(token: string, expiresAt: Date) {
  const cookie = sessionCookie();
  (await cookies()).set(cookie.name, token, sessionCookieOptions(cookie, expiresAt));
}

export async function signInAction(_previous: ActionState | null, form: FormData): Promise<ActionState> {
  const facts = await requestFacts();
  let secondStep = false;
  try {
    assertSameOrigin(facts);
    assertSafeForm(form);
    const input = SignIn.parse({ email: String(form.get("email") ?? ""), password: String(form.get("password") ?? "") });
    const result = await signIn({ ctx: { now: new Date(), client: { ip: facts.ip, userAgent: facts.userAgent } }, input });
    if (!result.ok) return { ok: false, error: result.error, fieldErrors: {} };
    if (result.step === "second_factor") {
      const cookie = pendingSignInCookie();
      (await cookies()).set(cookie.name, result.token, sessionCookieOptions(cookie, result.expiresAt));
      secondStep = true;
    } else {
      await setSessionCookie(result.token, result.expiresAt);
    }
  } catch (error) {
    // The email's format is the only thing worth a field error; never say which part was wrong.
    if (error instanceof ZodError) return { ok: false, error: "Enter your email address and password.", fieldErrors: {} };
    return formError(error);
  }
  redirect(secondStep ? SECOND_FACTOR_PATH : "/admin");
}

export async function completeSetupAction(_previous: ActionState | null, form: FormData): Promise<ActionState> {
  const facts = await requestFacts();
  try {
    assertSameOrigin(facts);
    assertSafeForm(form);
    const now = new Date();
    const client = { ip: facts.ip, userAgent: facts.userAgent };
    const input = CompleteSetup.parse({ token: String(form.get("token") ?? ""), email: String(form.get("email") ?? ""), password: String(form.get("password") ?? "") });
    const { adminId } = await completeSetup({ ctx: { now, client }, input });
    const session = await startSession({ ctx: { now, client }, input: { adminId } });
    await setSessionCookie(session.token, session.expiresAt);
  } catch (error) {
    return formError(error);
  }
  redirect("/admin");
}

export async function signOutAction(): Promise<void> {
  const facts = await requestFacts();
  assertSameOrigin(facts);
  await endSession({ ctx: { now: new Date(), client: { ip: facts.ip, userAgent: facts.userAgent } }, input: { token: facts.sessionToken } });
  (await cookies()).delete(sessionCookie().name);
  redirect("/admin/login");
}
