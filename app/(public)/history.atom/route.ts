// GET /history.atom — incidents and maintenance with their updates as an Atom 1.0 feed
import { publicResponse } from "@/lib/http/public-response";
import { currentStatus } from "@/lib/status/current-status";
import { historyFeed } from "@/lib/status/history-feed";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const { snapshot, stale } = await currentStatus();
  return publicResponse(request, historyFeed(snapshot).atom1(), { contentType: "application/atom+xml; charset=utf-8", stale, generatedAt: snapshot.generatedAt });
}
