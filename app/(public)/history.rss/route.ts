// GET /history.rss — incidents and maintenance with their updates as an RSS 2.0 feed
import { publicResponse } from "@/lib/http/public-response";
import { statusUnavailable } from "../_views/respond";
import { currentStatus } from "@/lib/status/current-status";
import { historyFeed } from "@/lib/status/history-feed";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const current = await currentStatus().catch(() => null);
  if (!current) return statusUnavailable(request, "json");
  const { snapshot, stale } = current;
  return publicResponse(request, historyFeed(snapshot).rss2(), { contentType: "application/rss+xml; charset=utf-8", stale, generatedAt: snapshot.generatedAt });
}
