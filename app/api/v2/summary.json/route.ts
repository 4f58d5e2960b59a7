// GET /api/v2/summary.json — page, components, unresolved incidents, upcoming and active maintenance, status
import { summaryV2 } from "@/lib/public-read/statuspage/statuspage-v2";
import { v2Route } from "../v2-route";

export const dynamic = "force-dynamic";
export const GET = v2Route(summaryV2);
export { OPTIONS } from "../v2-route";
