// The manage page linked from every email: what this address receives, change it, unsubscribe.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { VigilError } from "@/lib/errors";
import { readManagedSubscription, type ManagedSubscription } from "@/lib/subscriptions/manage-subscription";
import { changeScopeAction, resubscribeAction, unsubscribeAction } from "../../subscribe-actions";
import { ScopeFieldset } from "../../scope-fieldset";

export const metadata: Metadata = { title: "Your subscription", referrer: "same-origin", robots: { index: false } };

type Search = { confirmed?: string; saved?: string; unsubscribed?: string; resubscribed?: string; error?: string };

const NOTICES: Record<Exclude<keyof Search, "error">, string> = {
  confirmed: "Your subscription is confirmed.",
  saved: "Your choice is saved.",
  unsubscribed: "You are unsubscribed: you will receive no more emails.",
  resubscribed: "Welcome back: you are subscribed again.",
};

export default async function ManageSubscriptionPage({ params, searchParams }: { params: Promise<{ token: string }>; searchParams: Promise<Search> }) {
  await connection();
  const { token } = await params;
  const search = await searchParams;
  let subscription: ManagedSubscription;
  try {
    subscription = await readManagedSubscription(token);
  } catch (error) {
    if (error instanceof VigilError) notFound();
    throw error;
  }
  const notice = (Object.keys(NOTICES) as (keyof typeof NOTICES)[]).find((key) => search[key]);
  return (
    <main>
      <h1>Your subscription</h1>
      {notice && (
        <p className="notice" role="status">
          {NOTICES[notice]}
        </p>
      )}
      {search.error && (
        <p className="notice notice-error" role="alert">
          {search.error.slice(0, 300)}
        </p>
      )}
      <p>
        <strong>{subscription.email}</strong> — <span data-testid="subscription-status">{subscription.status}</span>
        {subscription.status === "confirmed" && <> · receives updates about {subscription.scope.label}</>}
      </p>
      {subscription.status === "confirmed" && (
        <>
          <form action={changeScopeAction}>
            <input type="hidden" name="token" value={token} />
            <ScopeFieldset componentIds={subscription.scope.allComponents ? [] : subscription.scope.componentIds} groupIds={subscription.scope.groupIds} />
            <button type="submit">Save</button>
          </form>
          <form action={unsubscribeAction}>
            <input type="hidden" name="token" value={token} />
            <button type="submit" className="danger">
              Unsubscribe
            </button>
          </form>
        </>
      )}
      {subscription.status === "unsubscribed" && (
        <form action={resubscribeAction}>
          <input type="hidden" name="token" value={token} />
          <button type="submit">Subscribe again</button>
        </form>
      )}
      {subscription.status === "quarantined" && <p>Emails to this address bounced, so we stopped sending. Subscribe again from the status page once it works.</p>}
      <p>
        <Link href="/">Back to the status page</Link>
      </p>
    </main>
  );
}
