// GET /api/v2/status.json — page and its status indicator
import { statusV2 } from "@/lib/public-read/statuspage/statuspage-v2";
import { v2Route } from "../v2-route";

export const dynamic = "force-dynamic";
export const GET = v2Route(statusV2);
export { OPTIONS } from "../v2-route";
