// GET /history.atom — incidents and maintenance with their updates as an Atom 1.0 feed
import { feedRoute } from "../_views/feed-route";

export const dynamic = "force-dynamic";
export const GET = feedRoute("atom");
