import type { Metadata } from "next";
import { connection } from "next/server";
import { isSetupTokenValid } from "@/lib/auth/setup-tokens";
import { SetupForm } from "../../_components/auth-form";

export const metadata: Metadata = { title: "Set up Vigil" };

export default async function SetupPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  await connection();
  const { token } = await searchParams;
  const value = typeof token === "string" ? token : "";
  const valid = await isSetupTokenValid(value, new Date());
  return (
    <main className="admin-auth">
      <h1>Set up Vigil</h1>
      {valid ? (
        <>
          <p>Create the owner account. This link works once.</p>
          <SetupForm token={value} />
        </>
      ) : (
        <p role="alert" className="form-error">
          This setup link is invalid or has expired. Restart Vigil to print a new one, or use <code>npm run -s admin -- create</code>.
        </p>
      )}
    </main>
  );
}
