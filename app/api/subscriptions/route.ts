// POST /api/subscriptions — request a subscription: JSON { email, componentIds?, groupIds? } answers
// the same 202 whatever the address; a plain HTML form post (the one subscribe form, on the home page
// and /subscribe) is redirected to /subscribe, which says what happened.
import { errorResponse, NO_STORE, visibleErrorMessage } from "@/lib/http/error-response";
import { readFormBody, readJsonBody } from "@/lib/http/request-body";
import { clientIpFrom } from "@/lib/http/client-ip";
import { PayloadTooLargeError } from "@/lib/errors";
import { requestSubscription } from "@/lib/subscriptions/request-subscription";
import { SubscribeRequest, subscribeRequestFromForm } from "@/lib/subscriptions/schemas";

export const dynamic = "force-dynamic";

const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

export async function POST(request: Request) {
  const context = { clientIp: clientIpFrom(request.headers) };
  const contentType = request.headers.get("content-type") ?? "";
  if (FORM_TYPES.some((type) => contentType.startsWith(type))) return subscribeFromForm(request, context);
  try {
    const body = await readJsonBody(request);
    const accepted = await requestSubscription(SubscribeRequest.parse(body), context);
    return Response.json(accepted, { status: 202, headers: NO_STORE });
  } catch (error) {
    return errorResponse(error);
  }
}

/** Works without JavaScript: POST → 303 → the /subscribe page saying what happened. */
async function subscribeFromForm(request: Request, context: { clientIp: string | null }): Promise<Response> {
  let query: string;
  try {
    await requestSubscription(subscribeRequestFromForm(await readFormBody(request)), context);
    query = "sent=1";
  } catch (error) {
    // A body over the limit is not something a visitor typed: an HTTP answer, not a notice on the page.
    if (error instanceof PayloadTooLargeError) return errorResponse(error);
    query = `error=${encodeURIComponent(visibleErrorMessage(error))}`;
  }
  return new Response(null, { status: 303, headers: { ...NO_STORE, Location: `/subscribe?${query}` } });
}
