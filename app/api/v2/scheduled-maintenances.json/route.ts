// GET /api/v2/scheduled-maintenances.json — the 50 newest scheduled maintenances
import { scheduledMaintenancesV2 } from "@/lib/public-read/statuspage/statuspage-v2";
import { v2Route } from "../v2-route";

export const dynamic = "force-dynamic";
export const GET = v2Route(scheduledMaintenancesV2);
export { OPTIONS } from "../v2-route";
