// GET /history.atom, /history.rss (?component=<id>: only what affected that component) — incidents
// and maintenance with their updates as an Atom 1.0 or RSS 2.0 feed
import { z } from "zod";
import { publicResponse } from "@/lib/http/public-response";
import { currentStatus } from "@/lib/public-read/current-status";
import { historyFeed, unknownComponentFeed } from "@/lib/public-read/history-feed";
import { statusUnavailable } from "./respond";

type HistoryFeed = ReturnType<typeof historyFeed>;

const FORMATS = {
  atom: { contentType: "application/atom+xml; charset=utf-8", write: (feed: HistoryFeed) => feed.atom1() },
  rss: { contentType: "application/rss+xml; charset=utf-8", write: (feed: HistoryFeed) => feed.rss2() },
} as const;

/** An empty or over-long `component` names no component: the same 404 as an unknown id. */
const FeedQuery = z.object({ component: z.string().max(200).nullable() });

export function historyFeedRoute(format: keyof typeof FORMATS) {
  return async function historyFeedResponse(request: Request): Promise<Response> {
    const current = await currentStatus(new Date()).catch(() => null);
    if (!current) return statusUnavailable(request, "json");
    const { snapshot, stale } = current;
    const { contentType, write } = FORMATS[format];
    const query = FeedQuery.safeParse({ component: new URL(request.url).searchParams.get("component") });
    const wanted = query.success ? query.data.component : "";
    const component = wanted === null ? undefined : snapshot.components.find((c) => c.id === wanted);
    if (wanted !== null && !component) {
      return publicResponse(request, write(unknownComponentFeed(snapshot)), { contentType, stale, generatedAt: snapshot.generatedAt, status: 404 });
    }
    return publicResponse(request, write(historyFeed(snapshot, component)), { contentType, stale, generatedAt: snapshot.generatedAt });
  };
}
