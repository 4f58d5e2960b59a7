// POST /api/admin/incidents/{id}/updates — post an update (PostIncidentUpdate without incidentId)
import { adminRoute, jsonBody } from "@/lib/admin-api/admin-route";
import { postIncidentUpdate } from "@/lib/incidents/post-update";

export const dynamic = "force-dynamic";

export const POST = adminRoute("write", async (request, { actor, messageIdDomain, now, params }) =>
  postIncidentUpdate({ ...(await jsonBody(request)), incidentId: params.id } as never, actor, messageIdDomain, now),
);
