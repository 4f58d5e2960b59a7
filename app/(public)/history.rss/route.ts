// GET /history.rss — incidents and maintenance with their updates as an RSS 2.0 feed
import { feedRoute } from "../_views/feed-route";

export const dynamic = "force-dynamic";
export const GET = feedRoute("rss");
