// POST /api/subscriptions — request a subscription: JSON { email, componentIds?, groupIds? } answers
// the same 202 whatever the address; a plain HTML form post (the one subscribe form, on the home page
// and /subscribe) is redirected to /subscribe, which says what happened.
import type { VisitorContext } from "@/lib/action-context";
import { errorResponse, NO_STORE, visibleErrorMessage } from "@/lib/http/error-response";
import { readFormBody, readJsonBody } from "@/lib/http/request-body";
import { PayloadTooLargeError } from "@/lib/errors";
import { visitorContext } from "@/lib/http/client-ip";
import { requestSubscription } from "@/lib/subscriptions/request-subscription";
import { SubscribeRequest, subscribeRequestFromForm } from "@/lib/subscriptions/schemas";

export const dynamic = "force-dynamic";

const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

export async function POST(request: Request) {
  const ctx = visitorContext(request, new Date());
  const contentType = request.headers.get("content-type") ?? "";
  if (FORM_TYPES.some((type) => contentType.startsWith(type))) return subscribeFromForm(request, ctx);
  try {
    const body = await readJsonBody(request);
    const accepted = await requestSubscription({ ctx, input: SubscribeRequest.parse(body) });
    return Response.json(accepted, { status: 202, headers: NO_STORE });
  } catch (error) {
    return errorResponse(error);
  }
}

/** Works without JavaScript: POST → 303 → the /subscribe page saying what happened. */
async function subscribeFromForm(request: Request, ctx: VisitorContext): Promise<Response> {
  let query: string;
  try {
    await requestSubscription({ ctx, input: SubscribeRequest.parse(subscribeRequestFromForm(await readFormBody(request))) });
    query = "sent=1";
  } catch (error) {
    // A body over the limit is not something a visitor typed: an HTTP answer, not a notice on the page.
    if (error instanceof PayloadTooLargeError) return errorResponse(error);
    query = `error=${encodeURIComponent(visibleErrorMessage(error))}`;
  }
  return new Response(null, { status: 303, headers: { ...NO_STORE, Location: `/subscribe?${query}` } });
}
