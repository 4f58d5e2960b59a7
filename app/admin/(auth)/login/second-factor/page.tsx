import type { Metadata } from "next";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { currentSession } from "@/lib/auth/require-admin";
import { readPendingSignIn } from "@/lib/auth/second-factor/pending-sign-in";
import { pendingSignInCookie } from "@/lib/auth/session-cookie";
import { SecondFactorSignIn } from "../../../_components/second-factor-sign-in";

export const metadata: Metadata = { title: "Second factor" };

// The pending sign-in's cookie is its only key: without a live one there is nothing to show here.
export default async function SecondFactorPage() {
  if (await currentSession()) redirect("/admin");
  const pending = await readPendingSignIn((await cookies()).get(pendingSignInCookie().name)?.value, new Date());
  return (
    <main className="admin-auth">
      <h1>Confirm it is you</h1>
      {pending ? (
        <>
          <p>
            Signing in as <strong>{pending.email}</strong>. Finish with your second factor.
          </p>
          <SecondFactorSignIn methods={pending.methods} />
          <p className="hint">
            Lost every factor? An owner on the server: <code>npm run -s admin -- reset-second-factor {pending.email}</code>
          </p>
        </>
      ) : (
        <p role="alert" className="form-error">
          This sign-in has expired. <a href="/admin/login">Sign in again</a>
        </p>
      )}
    </main>
  );
}
