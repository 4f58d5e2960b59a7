import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentSession } from "@/lib/auth/require-admin";
import { SignInForm } from "../../_components/auth-form";
import { OidcSignIn } from "../../_components/oidc-sign-in";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ sso?: string | string[] }> }) {
  if (await currentSession()) redirect("/admin");
  return (
    <main className="admin-auth">
      <h1>Sign in to Vigil</h1>
      <OidcSignIn searchParams={searchParams} />
      <SignInForm />
      <p className="hint">Lost access? On the server: <code>npm run -s admin -- reset-password you@example.com</code></p>
    </main>
  );
}
