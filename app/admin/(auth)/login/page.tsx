import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentSession } from "@/lib/auth/require-admin";
import { SignInForm } from "../../_components/auth-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage() {
  if (await currentSession()) redirect("/admin");
  return (
    <main className="admin-auth">
      <h1>Sign in to Vigil</h1>
      <SignInForm />
      <p className="hint">Lost access? On the server: <code>npm run -s admin -- reset-password you@example.com</code></p>
    </main>
  );
}
