// GET /api/admin/incidents/{id} — one incident (or maintenance) with its components and updates;
// PATCH — correct its name, impact, components, start and resolution times (EditIncident)
import { adminRoute, bodyInput } from "@/lib/admin-api/admin-route";
import { readIncident } from "@/lib/console/incidents";
import { editIncident } from "@/lib/incidents/edit-incident";
import { IncidentNotFoundError } from "@/lib/incidents/post-update";
import { EditIncident } from "@/lib/incidents/schemas";

export const dynamic = "force-dynamic";

export const GET = adminRoute("read", async (_request, { params }) => {
  const incident = await readIncident(params.id!);
  if (!incident) throw new IncidentNotFoundError(params.id!);
  return incident;
});

export const PATCH = adminRoute("write", async (request, { ctx, params }) => editIncident({ ctx, input: await bodyInput(request, EditIncident, { incidentId: params.id }) }));
