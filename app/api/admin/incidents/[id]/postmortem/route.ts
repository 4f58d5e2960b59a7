// POST /api/admin/incidents/{id}/postmortem — publish (or replace) the postmortem of a resolved incident
import { adminRoute, jsonBody } from "@/lib/admin-api/admin-route";
import { publishPostmortem } from "@/lib/incidents/edit-update";

export const dynamic = "force-dynamic";

export const POST = adminRoute("write", async (request, { actor, now, params }) => {
  await publishPostmortem({ ...(await jsonBody(request)), incidentId: params.id } as never, actor, now);
  return { incidentId: params.id, status: "postmortem" };
});
