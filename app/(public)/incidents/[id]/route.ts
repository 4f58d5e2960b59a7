// GET /incidents/[id] — one incident or maintenance: timeline, components, impact, duration, postmortem
import { z } from "zod";
import { currentStatus, type CurrentStatus } from "@/lib/public-read/current-status";
import { readIncidentView } from "@/lib/public-read/read-history";
import { stateOf } from "../../_views/home";
import { renderIncident } from "../../_views/incident";
import { renderProblem } from "../../_views/not-found";
import { htmlResponse, statusUnavailable } from "../../_views/respond";

export const dynamic = "force-dynamic";

const IncidentId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

/** With the database down, an incident the snapshot holds (open or recent) can still be shown. */
async function readIncidentOrFallback(id: string, current: CurrentStatus) {
  try {
    return await readIncidentView(id);
  } catch (error) {
    const { snapshot } = current;
    const incident = [...snapshot.incidents, ...snapshot.maintenances].find((i) => i.id === id);
    if (!incident) throw error;
    const components = snapshot.components.filter((c) => incident.componentIds.includes(c.id)).map(({ id, name }) => ({ id, name }));
    return { value: { incident, components }, stale: true };
  }
}

export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const current = await currentStatus().catch(() => null);
  if (!current) return statusUnavailable(request, "html");
  const pageName = current.snapshot.page.name;
  const id = IncidentId.safeParse((await context.params).id);
  const view = id.success ? await readIncidentOrFallback(id.data, current) : null;
  if (!view?.value) {
    return htmlResponse(request, renderProblem(pageName, "Incident not found", "There is no incident with this address. It may have been removed."), { status: 404 });
  }
  const state = { ...stateOf(current), stale: current.stale || view.stale };
  return htmlResponse(request, renderIncident(view.value, state, pageName), { stale: state.stale, generatedAt: current.snapshot.generatedAt });
}
