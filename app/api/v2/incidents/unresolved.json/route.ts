// GET /api/v2/incidents/unresolved.json — incidents still investigating, identified or monitoring
import { unresolvedIncidentsV2 } from "@/lib/public-read/statuspage/statuspage-v2";
import { v2Route } from "../../v2-route";

export const dynamic = "force-dynamic";
export const GET = v2Route(unresolvedIncidentsV2);
export { OPTIONS } from "../../v2-route";
