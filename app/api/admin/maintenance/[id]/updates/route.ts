// POST /api/admin/maintenance/{id}/updates — move a window along (PostMaintenanceUpdate without maintenanceId)
import { adminRoute, bodyInput } from "@/lib/admin-api/admin-route";
import { postMaintenanceUpdate } from "@/lib/maintenance/post-maintenance-update";
import { PostMaintenanceUpdate } from "@/lib/maintenance/schemas";

export const dynamic = "force-dynamic";

export const POST = adminRoute("write", async (request, { ctx, params }) =>
  postMaintenanceUpdate({ ctx, input: await bodyInput(request, PostMaintenanceUpdate, { maintenanceId: params.id }) }),
);
