// PATCH /api/admin/updates/{id} — correct an update's body; DELETE — remove an update (audited)
import { adminRoute, jsonBody } from "@/lib/admin-api/admin-route";
import { deleteIncidentUpdate, editIncidentUpdate } from "@/lib/incidents/edit-update";

export const dynamic = "force-dynamic";

export const PATCH = adminRoute("write", async (request, { actor, params }) => {
  await editIncidentUpdate({ ...(await jsonBody(request)), updateId: params.id } as never, actor);
  return { updateId: params.id };
});

export const DELETE = adminRoute("write", async (_request, { actor, params }) => {
  await deleteIncidentUpdate(params.id!, actor);
});
