// POST /api/admin/maintenance/{id}/updates — move a window along (PostMaintenanceUpdate without maintenanceId)
import { adminRoute, jsonBody } from "@/lib/admin-api/admin-route";
import { postMaintenanceUpdate } from "@/lib/maintenance/post-maintenance-update";

export const dynamic = "force-dynamic";

export const POST = adminRoute("write", async (request, { actor, messageIdDomain, now, params }) =>
  postMaintenanceUpdate({ ...(await jsonBody(request)), maintenanceId: params.id } as never, actor, messageIdDomain, now),
);
