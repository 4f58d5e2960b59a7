// GET /api/admin/maintenance — maintenance windows, latest first; POST — schedule one (ScheduleMaintenance)
import { adminRoute, jsonBody } from "@/lib/admin-api/admin-route";
import { listIncidents } from "@/lib/console/incidents";
import { scheduleMaintenance } from "@/lib/maintenance/schedule-maintenance";

export const dynamic = "force-dynamic";

export const GET = adminRoute("read", () => listIncidents("maintenance"));

export const POST = adminRoute("write", async (request, { actor, messageIdDomain, now }) => scheduleMaintenance((await jsonBody(request)) as never, messageIdDomain, now, actor));
