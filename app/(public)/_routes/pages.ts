// The status pages: home, one incident, history, monthly uptime, and the 404 of the public site.
// Each reads the cached status (stale, flagged, when the database is down) and renders a typed view.
import { z } from "zod";
import { currentStatus, type CurrentStatus } from "@/lib/public-read/current-status";
import { readHistoryView, readIncidentView, readMonthlyUptimeView } from "@/lib/public-read/read-history";
import { renderHistory } from "../_views/history";
import { renderHome, stateOf } from "../_views/home";
import { renderIncident } from "../_views/incident";
import { renderNotFound, renderProblem, renderUnavailable } from "../_views/problem";
import { renderUptime } from "../_views/uptime";
import { htmlResponse, statusUnavailable, visitorTranslator } from "./respond";

// GET / — the status page: banner, incidents, maintenance, components, uptime bars, response times
export async function homePage(request: Request): Promise<Response> {
  const current = await currentStatus(new Date()).catch(() => null);
  if (!current) return statusUnavailable(request, "html");
  const t = visitorTranslator(request, current.snapshot.page);
  return htmlResponse(request, renderHome(current, t), t, { stale: current.stale, generatedAt: current.snapshot.generatedAt });
}

const IncidentId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

/** With the database down, an incident the snapshot holds (open or recent) can still be shown. */
async function readIncidentOrFallback(id: string, current: CurrentStatus) {
  try {
    return await readIncidentView(id, new Date());
  } catch (error) {
    const { snapshot } = current;
    const incident = [...snapshot.incidents, ...snapshot.maintenances].find((i) => i.id === id);
    if (!incident) throw error;
    const components = snapshot.components.filter((c) => incident.componentIds.includes(c.id)).map(({ id, name }) => ({ id, name }));
    return { value: { incident, components }, stale: true };
  }
}

// GET /incidents/:id — one incident or maintenance: timeline, components, impact, duration, postmortem
export async function incidentPage(request: Request, params: { id?: string }): Promise<Response> {
  const current = await currentStatus(new Date()).catch(() => null);
  if (!current) return statusUnavailable(request, "html");
  const pageName = current.snapshot.page.name;
  const t = visitorTranslator(request, current.snapshot.page);
  const id = IncidentId.safeParse(params.id);
  const view = id.success ? await readIncidentOrFallback(id.data, current) : null;
  if (!view?.value) {
    return htmlResponse(request, renderProblem(pageName, "problem.incidentNotFound", "problem.incidentNotFoundBody", t), t, { status: 404 });
  }
  const state = { ...stateOf(current), stale: current.stale || view.stale };
  return htmlResponse(request, renderIncident(view.value, state, pageName, t), t, { stale: state.stale, generatedAt: current.snapshot.generatedAt });
}

const HistoryQuery = z.object({ page: z.coerce.number().int().min(1).max(1000).default(1) });

// GET /history — incidents and maintenance by month, newest first; ?page=2… for older months
export async function historyPage(request: Request): Promise<Response> {
  const current = await currentStatus(new Date()).catch(() => null);
  if (!current) return statusUnavailable(request, "html");
  const t = visitorTranslator(request, current.snapshot.page);
  const query = HistoryQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) {
    return htmlResponse(request, renderProblem(current.snapshot.page.name, "problem.badRequest", "problem.badHistoryPage", t), t, { status: 400 });
  }
  const view = await readHistoryView(query.data.page, new Date()).catch(() => null);
  if (!view) {
    // Not in this process's cache and the database is unreachable: say so rather than fail.
    return htmlResponse(request, renderUnavailable(current.snapshot.page.name, t), t, { status: 503 });
  }
  if (query.data.page > 1 && view.value.months.every((m) => m.incidents.length === 0) && !view.value.hasOlder) {
    return htmlResponse(request, renderProblem(current.snapshot.page.name, "problem.notFound", "problem.noHistory", t), t, { status: 404 });
  }
  const state = { ...stateOf(current), stale: current.stale || view.stale };
  return htmlResponse(request, renderHistory(view.value, state, t), t, { stale: state.stale, generatedAt: current.snapshot.generatedAt });
}

// GET /uptime — each component's uptime per month for the last 12 months
export async function uptimePage(request: Request): Promise<Response> {
  const current = await currentStatus(new Date()).catch(() => null);
  if (!current) return statusUnavailable(request, "html");
  const t = visitorTranslator(request, current.snapshot.page);
  const view = await readMonthlyUptimeView(new Date()).catch(() => null);
  if (!view) {
    // Not in this process's cache and the database is unreachable: say so rather than fail.
    return htmlResponse(request, renderUnavailable(current.snapshot.page.name, t), t, { status: 503 });
  }
  const state = { ...stateOf(current), stale: current.stale || view.stale };
  return htmlResponse(request, renderUptime(view.value, state, t), t, { stale: state.stale, generatedAt: current.snapshot.generatedAt });
}

/** Any address the route table does not know. */
export async function notFoundPage(request: Request): Promise<Response> {
  const current = await currentStatus(new Date()).catch(() => null);
  const t = visitorTranslator(request, current?.snapshot.page ?? null);
  return htmlResponse(request, renderNotFound(current?.snapshot.page.name ?? "Status", t), t, { status: 404 });
}
