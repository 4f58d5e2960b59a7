// PATCH /api/admin/updates/{id} — correct an update's body; DELETE — remove an update (audited)
import { adminRoute, bodyInput } from "@/lib/admin-api/admin-route";
import { deleteIncidentUpdate, editIncidentUpdate } from "@/lib/incidents/edit-update";
import { DeleteIncidentUpdate, EditIncidentUpdate } from "@/lib/incidents/schemas";

export const dynamic = "force-dynamic";

export const PATCH = adminRoute("write", async (request, { ctx, params }) => {
  await editIncidentUpdate({ ctx, input: await bodyInput(request, EditIncidentUpdate, { updateId: params.id }) });
  return { updateId: params.id };
});

export const DELETE = adminRoute("write", async (_request, { ctx, params }) => {
  await deleteIncidentUpdate({ ctx, input: DeleteIncidentUpdate.parse({ updateId: params.id }) });
});
