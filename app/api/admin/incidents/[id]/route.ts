// GET /api/admin/incidents/{id} — one incident (or maintenance) with its components and updates
import { adminRoute } from "@/lib/admin-api/admin-route";
import { readIncident } from "@/lib/console/incidents";
import { IncidentNotFoundError } from "@/lib/incidents/post-update";

export const dynamic = "force-dynamic";

export const GET = adminRoute("read", async (_request, { params }) => {
  const incident = await readIncident(params.id!);
  if (!incident) throw new IncidentNotFoundError(params.id!);
  return incident;
});
