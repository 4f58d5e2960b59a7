// POST /api/subscriptions/unsubscribe?token=… — RFC 8058 one-click unsubscribe: no cookies, no confirmation, 200
import { errorResponse, NO_STORE } from "@/lib/http/error-response";
import { visitorContext } from "@/lib/http/client-ip";
import { unsubscribe } from "@/lib/subscriptions/manage-subscription";
import { ManageSubscription } from "@/lib/subscriptions/schemas";
import { env, publicUrl } from "@/lib/env";
import { manageUrl } from "@/lib/subscriptions/subscriber-links";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  try {
    // Mail providers POST "List-Unsubscribe=One-Click" as the body; the token is in the URL.
    const input = ManageSubscription.parse({ manageToken: new URL(request.url).searchParams.get("token") ?? "" });
    await unsubscribe({ ctx: visitorContext(request, new Date()), input });
    return new Response("You are unsubscribed.\n", { status: 200, headers: { ...NO_STORE, "Content-Type": "text/plain; charset=utf-8" } });
  } catch (error) {
    return errorResponse(error);
  }
}

/**
 * A person opening the link in a browser gets the manage page, which asks before changing anything —
 * at the page's public address, never at whatever host the request came through (a proxy's).
 */
export async function GET(request: Request) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  return new Response(null, { status: 303, headers: { ...NO_STORE, Location: manageUrl(token, publicUrl(env())) } });
}
