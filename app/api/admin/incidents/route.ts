// GET /api/admin/incidents — incidents, newest first; POST — open an incident (CreateIncident)
import { adminRoute, jsonBody } from "@/lib/admin-api/admin-route";
import { listIncidents } from "@/lib/console/incidents";
import { createIncident } from "@/lib/incidents/create-incident";

export const dynamic = "force-dynamic";

export const GET = adminRoute("read", () => listIncidents("incident"));

export const POST = adminRoute("write", async (request, { actor, messageIdDomain, now }) =>
  createIncident((await jsonBody(request)) as never, actor, messageIdDomain, now),
);
