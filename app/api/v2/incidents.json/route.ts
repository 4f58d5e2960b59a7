// GET /api/v2/incidents.json — the 50 newest incidents and every unresolved one
import { incidentsV2 } from "@/lib/public-read/statuspage/statuspage-v2";
import { v2Route } from "../v2-route";

export const dynamic = "force-dynamic";
export const GET = v2Route(incidentsV2);
export { OPTIONS } from "../v2-route";
