// POST /api/admin/incidents/{id}/reopen — reopen a resolved incident within 7 days, with an update (ReopenIncident)
import { adminRoute, bodyInput } from "@/lib/admin-api/admin-route";
import { reopenIncident } from "@/lib/incidents/edit-incident";
import { ReopenIncident } from "@/lib/incidents/schemas";

export const dynamic = "force-dynamic";

export const POST = adminRoute("write", async (request, { ctx, params }) => reopenIncident({ ctx, input: await bodyInput(request, ReopenIncident, { incidentId: params.id }) }));
