// GET /api/admin/maintenance — maintenance windows, latest first; POST — schedule one (ScheduleMaintenance)
import { adminRoute, bodyInput } from "@/lib/admin-api/admin-route";
import { listIncidents } from "@/lib/console/incidents";
import { scheduleMaintenance } from "@/lib/maintenance/schedule-maintenance";
import { ScheduleMaintenance } from "@/lib/maintenance/schemas";

export const dynamic = "force-dynamic";

export const GET = adminRoute("read", () => listIncidents("maintenance"));

export const POST = adminRoute("write", async (request, { ctx }) => scheduleMaintenance({ ctx, input: await bodyInput(request, ScheduleMaintenance) }));
