// GET /api/v2/components.json — page and every component (groups list their members)
import { componentsV2 } from "@/lib/public-read/statuspage/statuspage-v2";
import { v2Route } from "../v2-route";

export const dynamic = "force-dynamic";
export const GET = v2Route(componentsV2);
export { OPTIONS } from "../v2-route";
