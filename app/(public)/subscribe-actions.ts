"use server";
// Server actions of the public subscription pages. Plain form posts: they work without JavaScript,
// and each ends in a redirect to a page that says what happened (POST → redirect → GET).
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { clientIpFrom } from "@/lib/http/client-ip";
import { visibleErrorMessage } from "@/lib/http/error-response";
import { confirmSubscription } from "@/lib/subscriptions/confirm-subscription";
import { changeSubscriptionScope, resubscribe, unsubscribe } from "@/lib/subscriptions/manage-subscription";
import { requestSubscription } from "@/lib/subscriptions/request-subscription";
import { scopeFromForm, subscribeRequestFromForm } from "@/lib/subscriptions/schemas";

export async function subscribeAction(form: FormData): Promise<void> {
  let query: string;
  try {
    await requestSubscription(subscribeRequestFromForm(form), { clientIp: clientIpFrom(await headers()) });
    query = "sent=1";
  } catch (error) {
    query = `error=${encodeURIComponent(visibleErrorMessage(error))}`;
  }
  redirect(`/subscribe?${query}`);
}

export async function confirmAction(form: FormData): Promise<void> {
  let target: string;
  try {
    const { manageToken } = await confirmSubscription(String(form.get("token") ?? ""), new Date());
    target = `/subscription/${encodeURIComponent(manageToken)}?confirmed=1`;
  } catch (error) {
    target = `/subscribe/confirm?error=${encodeURIComponent(visibleErrorMessage(error))}`;
  }
  redirect(target);
}

/** A manage-page verb: run it with the page's token, come back to the page saying how it went. */
async function onManagePage(form: FormData, verb: (token: string, now: Date) => Promise<unknown>, done: string): Promise<void> {
  const token = String(form.get("token") ?? "");
  let query: string;
  try {
    await verb(token, new Date());
    query = `${done}=1`;
  } catch (error) {
    query = `error=${encodeURIComponent(visibleErrorMessage(error))}`;
  }
  redirect(`/subscription/${encodeURIComponent(token)}?${query}`);
}

export async function changeScopeAction(form: FormData): Promise<void> {
  await onManagePage(form, (token, now) => changeSubscriptionScope(token, scopeFromForm(form), now), "saved");
}

export async function unsubscribeAction(form: FormData): Promise<void> {
  await onManagePage(form, unsubscribe, "unsubscribed");
}

export async function resubscribeAction(form: FormData): Promise<void> {
  await onManagePage(form, resubscribe, "resubscribed");
}
