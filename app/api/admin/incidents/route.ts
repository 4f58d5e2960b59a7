// GET /api/admin/incidents — incidents, newest first; POST — open an incident (CreateIncident)
import { adminRoute, bodyInput } from "@/lib/admin-api/admin-route";
import { listIncidents } from "@/lib/console/incidents";
import { createIncident } from "@/lib/incidents/create-incident";
import { CreateIncident } from "@/lib/incidents/schemas";

export const dynamic = "force-dynamic";

export const GET = adminRoute("read", () => listIncidents("incident"));

export const POST = adminRoute("write", async (request, { ctx }) => createIncident({ ctx, input: await bodyInput(request, CreateIncident) }));
