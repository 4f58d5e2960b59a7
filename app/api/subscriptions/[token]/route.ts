// GET|PATCH|DELETE /api/subscriptions/:token — read, change the scope of, or unsubscribe a subscription by its manage token
import { errorResponse, NO_STORE } from "@/lib/http/error-response";
import { visitorContext } from "@/lib/http/client-ip";
import { readJsonBody } from "@/lib/http/request-body";
import { changeSubscriptionScope, readManagedSubscription, unsubscribe } from "@/lib/subscriptions/manage-subscription";
import { ChangeSubscriptionScope, ManageSubscription } from "@/lib/subscriptions/schemas";

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
    const input = ChangeSubscriptionScope.parse({ manageToken: (await context.params).token, scope: await readJsonBody(request) });
    return Response.json(await changeSubscriptionScope({ ctx: visitorContext(request, new Date()), input }), { headers: NO_STORE });
  } catch (error) {
    return errorResponse(error);
  }
}

export async function DELETE(request: Request, context: Context) {
  try {
    const input = ManageSubscription.parse({ manageToken: (await context.params).token });
    await unsubscribe({ ctx: visitorContext(request, new Date()), input });
    return Response.json(await readManagedSubscription(input.manageToken), { headers: NO_STORE });
  } catch (error) {
    return errorResponse(error);
  }
}
