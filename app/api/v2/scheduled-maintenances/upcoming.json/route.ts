// GET /api/v2/scheduled-maintenances/upcoming.json — maintenance scheduled and not started
import { upcomingMaintenancesV2 } from "@/lib/public-read/statuspage/statuspage-v2";
import { v2Route } from "../../v2-route";

export const dynamic = "force-dynamic";
export const GET = v2Route(upcomingMaintenancesV2);
export { OPTIONS } from "../../v2-route";
