import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { SubscribeForm } from "../subscribe-form";

export const metadata: Metadata = { title: "Subscribe" };

export default async function SubscribePage({ searchParams }: { searchParams: Promise<{ sent?: string; error?: string }> }) {
  await connection();
  const { sent, error } = await searchParams;
  return (
    <main>
      <h1>Subscribe to updates</h1>
      {sent && (
        <p className="notice" role="status">
          Thanks! If this address can receive updates, a confirmation email is on its way: follow its link to start your subscription.
        </p>
      )}
      {error && (
        <p className="notice notice-error" role="alert">
          {error.slice(0, 300)}
        </p>
      )}
      <SubscribeForm />
      <p>
        <Link href="/">Back to the status page</Link>
      </p>
    </main>
  );
}
