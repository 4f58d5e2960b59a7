// POST /api/subscriptions — request a subscription { email, componentIds?, groupIds? }; always the same 202 answer
import { errorResponse, NO_STORE, readJsonBody } from "@/lib/http/error-response";
import { clientIpFrom } from "@/lib/http/client-ip";
import { requestSubscription } from "@/lib/subscriptions/request-subscription";
import type { SubscribeRequest } from "@/lib/subscriptions/schemas";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  try {
    const body = await readJsonBody(request);
    const accepted = await requestSubscription((body ?? {}) as SubscribeRequest, { clientIp: clientIpFrom(request.headers) });
    return Response.json(accepted, { status: 202, headers: NO_STORE });
  } catch (error) {
    return errorResponse(error);
  }
}
