// PATCH /api/admin/maintenance/{id} — reschedule, rename or re-scope a window that has not ended (EditMaintenance)
import { adminRoute, bodyInput } from "@/lib/admin-api/admin-route";
import { editMaintenance } from "@/lib/maintenance/edit-maintenance";
import { EditMaintenance } from "@/lib/maintenance/schemas";

export const dynamic = "force-dynamic";

export const PATCH = adminRoute("write", async (request, { ctx, params }) => editMaintenance({ ctx, input: await bodyInput(request, EditMaintenance, { maintenanceId: params.id }) }));
