// POST /api/admin/incidents/{id}/postmortem — publish (or replace) the postmortem of a resolved incident
import { adminRoute, bodyInput } from "@/lib/admin-api/admin-route";
import { publishPostmortem } from "@/lib/incidents/edit-update";
import { PublishPostmortem } from "@/lib/incidents/schemas";

export const dynamic = "force-dynamic";

export const POST = adminRoute("write", async (request, { ctx, params }) => {
  await publishPostmortem({ ctx, input: await bodyInput(request, PublishPostmortem, { incidentId: params.id }) });
  return { incidentId: params.id, status: "postmortem" };
});
