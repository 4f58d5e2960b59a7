// GET /api/v2/scheduled-maintenances/active.json — maintenance in progress or verifying
import { activeMaintenancesV2 } from "@/lib/public-read/statuspage/statuspage-v2";
import { v2Route } from "../../v2-route";

export const dynamic = "force-dynamic";
export const GET = v2Route(activeMaintenancesV2);
export { OPTIONS } from "../../v2-route";
