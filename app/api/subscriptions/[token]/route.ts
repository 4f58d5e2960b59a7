// GET|PATCH|DELETE /api/subscriptions/:token — read, change the scope of, or unsubscribe a subscription by its manage token
import { errorResponse, NO_STORE } from "@/lib/http/error-response";
import { readJsonBody } from "@/lib/http/request-body";
import { changeSubscriptionScope, readManagedSubscription, unsubscribe } from "@/lib/subscriptions/manage-subscription";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ token: string }> };

export async function GET(_request: Request, context: Context) {
  try {
    return Response.json(await readManagedSubscription((await context.params).token), { headers: NO_STORE });
  } catch (error) {
    return errorResponse(error);
  }
}

export async function PATCH(request: Request, context: Context) {
  try {
    const body = await readJsonBody(request);
    return Response.json(await changeSubscriptionScope((await context.params).token, body, new Date()), { headers: NO_STORE });
  } catch (error) {
    return errorResponse(error);
  }
}

export async function DELETE(_request: Request, context: Context) {
  try {
    const token = (await context.params).token;
    await unsubscribe(token, new Date());
    return Response.json(await readManagedSubscription(token), { headers: NO_STORE });
  } catch (error) {
    return errorResponse(error);
  }
}
