// The subscription pages and their form posts. The subscribe form itself posts to
// /api/subscriptions (JSON or form; a form post lands back on /subscribe); the confirmation and the
// manage page post to their own address and are redirected back to it saying what happened.
import { z } from "zod";
import { errorResponse, visibleErrorMessage } from "@/lib/http/error-response";
import { readFormBody } from "@/lib/http/request-body";
import { currentStatus } from "@/lib/public-read/current-status";
import { visibleComponentGroups } from "@/lib/public-read/public-page";
import { confirmSubscription } from "@/lib/subscriptions/confirm-subscription";
import { changeSubscriptionScope, readManagedSubscription, resubscribe, resumeWebhookDeliveries, unsubscribe } from "@/lib/subscriptions/manage-subscription";
import { visitorContext } from "@/lib/http/client-ip";
import { ChangeSubscriptionScope, ConfirmSubscription, ManageSubscription, scopeFromForm } from "@/lib/subscriptions/schemas";
import { PayloadTooLargeError, VigilError } from "@/lib/errors";
import { renderNotFound } from "../_views/problem";
import { MANAGE_NOTICES, renderConfirmPage, renderManagePage, renderSubscribePage, type ManageNotice } from "../_views/subscription-pages";
import { privatePage, seeOther, statusUnavailable, visitorTranslator } from "./respond";

const PageQuery = z.object({
  sent: z.string().optional(),
  token: z.string().max(1000).optional(),
  error: z.string().optional(),
  ...Object.fromEntries(MANAGE_NOTICES.map((key) => [key, z.string().optional()])),
});

function pageQuery(request: Request): z.output<typeof PageQuery> & Partial<Record<ManageNotice, string>> {
  const parsed = PageQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  return parsed.success ? parsed.data : {};
}

// GET /subscribe — the subscription form with its component list
export async function subscribePage(request: Request): Promise<Response> {
  const current = await currentStatus(new Date()).catch(() => null);
  if (!current) return statusUnavailable(request, "html");
  const query = pageQuery(request);
  const scope = { groups: visibleComponentGroups(current.snapshot), componentIds: [], groupIds: [] };
  const t = visitorTranslator(request, current.snapshot.page);
  return privatePage(renderSubscribePage({ pageName: current.snapshot.page.name, scope, sent: Boolean(query.sent), error: query.error ?? null }, t), t);
}

// GET /subscribe/confirm?token=… — the button that confirms (a GET changes nothing: mail scanners open links)
export async function confirmPage(request: Request): Promise<Response> {
  const query = pageQuery(request);
  const page = (await currentStatus(new Date()).catch(() => null))?.snapshot.page ?? null;
  const t = visitorTranslator(request, page);
  return privatePage(renderConfirmPage({ pageName: page?.name ?? "Status", token: query.token ?? null, error: query.error ?? null }, t), t);
}

// POST /subscribe/confirm — confirm, then on to the manage page
export async function confirm(request: Request): Promise<Response> {
  try {
    const form = await readFormBody(request);
    const input = ConfirmSubscription.parse({ token: String(form.get("token") ?? "") });
    const { manageToken } = await confirmSubscription({ ctx: visitorContext(request, new Date()), input });
    return seeOther(`/subscription/${encodeURIComponent(manageToken)}?confirmed=1`);
  } catch (error) {
    if (error instanceof PayloadTooLargeError) return errorResponse(error);
    return seeOther(`/subscribe/confirm?error=${encodeURIComponent(visibleErrorMessage(error))}`);
  }
}

// GET /subscription/:token — what this address receives; change it, unsubscribe, subscribe again
export async function managePage(request: Request, params: { token?: string }): Promise<Response> {
  const token = params.token ?? "";
  const current = await currentStatus(new Date()).catch(() => null);
  if (!current) return statusUnavailable(request, "html");
  const pageName = current.snapshot.page.name;
  const t = visitorTranslator(request, current.snapshot.page);
  let subscription;
  try {
    subscription = await readManagedSubscription(token, t);
  } catch (error) {
    if (error instanceof VigilError) return privatePage(renderNotFound(pageName, t), t, 404);
    throw error;
  }
  const query = pageQuery(request);
  const notice = MANAGE_NOTICES.find((key) => query[key]) ?? null;
  const scope = {
    groups: visibleComponentGroups(current.snapshot),
    componentIds: subscription.scope.allComponents ? [] : subscription.scope.componentIds,
    groupIds: subscription.scope.groupIds,
  };
  return privatePage(renderManagePage({ pageName, token, subscription, scope, notice, error: query.error ?? null }, t), t);
}

const ManageIntent = z.enum(["save", "unsubscribe", "resubscribe", "resume"]);
const DONE: Record<z.output<typeof ManageIntent>, ManageNotice> = { save: "saved", unsubscribe: "unsubscribed", resubscribe: "resubscribed", resume: "resumed" };

// POST /subscription/:token — one of the manage page's forms (intent: save | unsubscribe | resubscribe | resume)
export async function manage(request: Request, params: { token?: string }): Promise<Response> {
  const token = params.token ?? "";
  const back = `/subscription/${encodeURIComponent(token)}`;
  try {
    const form = await readFormBody(request);
    const intent = ManageIntent.parse(form.get("intent"));
    const ctx = visitorContext(request, new Date());
    if (intent === "save") await changeSubscriptionScope({ ctx, input: ChangeSubscriptionScope.parse({ manageToken: token, scope: scopeFromForm(form) }) });
    else if (intent === "unsubscribe") await unsubscribe({ ctx, input: ManageSubscription.parse({ manageToken: token }) });
    else if (intent === "resume") await resumeWebhookDeliveries({ ctx, input: ManageSubscription.parse({ manageToken: token }) });
    else await resubscribe({ ctx, input: ManageSubscription.parse({ manageToken: token }) });
    return seeOther(`${back}?${DONE[intent]}=1`);
  } catch (error) {
    if (error instanceof PayloadTooLargeError) return errorResponse(error);
    return seeOther(`${back}?error=${encodeURIComponent(visibleErrorMessage(error))}`);
  }
}
