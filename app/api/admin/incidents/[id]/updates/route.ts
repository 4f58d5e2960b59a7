// POST /api/admin/incidents/{id}/updates — post an update (PostIncidentUpdate without incidentId)
import { adminRoute, bodyInput } from "@/lib/admin-api/admin-route";
import { postIncidentUpdate } from "@/lib/incidents/post-update";
import { PostIncidentUpdate } from "@/lib/incidents/schemas";

export const dynamic = "force-dynamic";

export const POST = adminRoute("write", async (request, { ctx, params }) =>
  postIncidentUpdate({ ctx, input: await bodyInput(request, PostIncidentUpdate, { incidentId: params.id }) }),
);
