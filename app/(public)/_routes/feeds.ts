// GET /history.atom, /history.rss — incidents and maintenance with their updates as an Atom 1.0 or RSS 2.0 feed
import { publicResponse } from "@/lib/http/public-response";
import { currentStatus } from "@/lib/public-read/current-status";
import { historyFeed } from "@/lib/public-read/history-feed";
import { statusUnavailable } from "./respond";

const FORMATS = {
  atom: { contentType: "application/atom+xml; charset=utf-8", write: (feed: ReturnType<typeof historyFeed>) => feed.atom1() },
  rss: { contentType: "application/rss+xml; charset=utf-8", write: (feed: ReturnType<typeof historyFeed>) => feed.rss2() },
} as const;

export function historyFeedRoute(format: keyof typeof FORMATS) {
  return async function historyFeedResponse(request: Request): Promise<Response> {
    const current = await currentStatus(new Date()).catch(() => null);
    if (!current) return statusUnavailable(request, "json");
    const { snapshot, stale } = current;
    const { contentType, write } = FORMATS[format];
    return publicResponse(request, write(historyFeed(snapshot)), { contentType, stale, generatedAt: snapshot.generatedAt });
  };
}
