"use server";
// The second step of signing in (lib/auth/second-factor/pending-sign-in.ts): a code from the
// authenticator app, a recovery code, or a passkey. Like sign-in, these run without a session —
// the pending sign-in's own cookie is all they accept — so they check the origin themselves.
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import type { PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import { assertSameOrigin } from "@/lib/auth/request-guard";
import { requestFacts } from "@/lib/auth/require-admin";
import { completeSignInWithCode, completeSignInWithPasskey, passkeySignInOptions, type SignedIn } from "@/lib/auth/second-factor/pending-sign-in";
import { PasskeySignIn, SecondFactorCode } from "@/lib/auth/second-factor/schemas";
import { pendingSignInCookie, sessionCookie, sessionCookieOptions } from "@/lib/auth/session-cookie";
import { assertSafeForm, type ActionState } from "@/lib/console/admin-action";
import { formError } from "@/lib/http/error-response";

async function pendingContext() {
  const facts = await requestFacts();
  assertSameOrigin(facts);
  const token = (await cookies()).get(pendingSignInCookie().name)?.value ?? null;
  return { token, ctx: { now: new Date(), client: { ip: facts.ip, userAgent: facts.userAgent } } };
}

/** The session replaces the pending sign-in's cookie. */
async function finishSignIn({ token, expiresAt }: SignedIn) {
  const jar = await cookies();
  const cookie = sessionCookie();
  jar.set(cookie.name, token, sessionCookieOptions(cookie, expiresAt));
  jar.delete(pendingSignInCookie().name);
}

export async function secondFactorCodeAction(_previous: ActionState | null, form: FormData): Promise<ActionState> {
  try {
    const { token, ctx } = await pendingContext();
    assertSafeForm(form);
    const input = SecondFactorCode.parse({ method: form.get("method"), code: String(form.get("code") ?? "") });
    await finishSignIn(await completeSignInWithCode({ ctx, input: { token, ...input } }));
  } catch (error) {
    return formError(error);
  }
  redirect("/admin");
}

export async function passkeySignInOptionsAction(): Promise<{ ok: true; options: PublicKeyCredentialRequestOptionsJSON } | ActionState> {
  try {
    const { token, ctx } = await pendingContext();
    return { ok: true, options: await passkeySignInOptions({ ctx, input: { token } }) };
  } catch (error) {
    return formError(error);
  }
}

/** `response`: what @simplewebauthn/browser's startAuthentication returned, as JSON text. */
export async function passkeySignInAction(response: string): Promise<ActionState> {
  try {
    const { token, ctx } = await pendingContext();
    let parsed: unknown;
    try {
      parsed = JSON.parse(response);
    } catch {
      parsed = null;
    }
    const input = PasskeySignIn.parse({ response: parsed });
    await finishSignIn(await completeSignInWithPasskey({ ctx, input: { token, ...input } }));
  } catch (error) {
    return formError(error);
  }
  redirect("/admin");
}
