// POST /api/admin/maintenance/{id}/cancel — call off a window that has not started, with a notice (CancelMaintenance)
import { adminRoute, bodyInput } from "@/lib/admin-api/admin-route";
import { cancelMaintenance } from "@/lib/maintenance/edit-maintenance";
import { CancelMaintenance } from "@/lib/maintenance/schemas";

export const dynamic = "force-dynamic";

export const POST = adminRoute("write", async (request, { ctx, params }) => cancelMaintenance({ ctx, input: await bodyInput(request, CancelMaintenance, { maintenanceId: params.id }) }));
