// Confirmation asks for a click instead of confirming on GET: mail scanners open links, people press buttons.
// Referrer "same-origin": the token never leaves in a Referer header, yet form posts keep their Origin
// (with "no-referrer" browsers send Origin: null, which Next rejects as a cross-site action).
import type { Metadata } from "next";
import { connection } from "next/server";
import { confirmAction } from "../../subscribe-actions";

export const metadata: Metadata = { title: "Confirm your subscription", referrer: "same-origin" };

export default async function ConfirmPage({ searchParams }: { searchParams: Promise<{ token?: string; error?: string }> }) {
  await connection();
  const { token, error } = await searchParams;
  return (
    <main>
      <h1>Confirm your subscription</h1>
      {error ? (
        <p className="notice notice-error" role="alert">
          {error.slice(0, 300)}
        </p>
      ) : token ? (
        <form action={confirmAction}>
          <input type="hidden" name="token" value={token} />
          <p>One click and you will receive status updates by email.</p>
          <button type="submit">Confirm subscription</button>
        </form>
      ) : (
        <p className="notice notice-error" role="alert">
          This link is incomplete. Open the link from your confirmation email again.
        </p>
      )}
    </main>
  );
}
