// GET /history — incidents and maintenance by month, newest first; ?page=2… for older months
import { z } from "zod";
import { currentStatus } from "@/lib/public-read/current-status";
import { readHistoryView } from "@/lib/public-read/read-history";
import { renderHistory } from "../_views/history";
import { stateOf } from "../_views/home";
import { renderProblem, renderUnavailable } from "../_views/not-found";
import { htmlResponse, statusUnavailable } from "../_views/respond";

export const dynamic = "force-dynamic";

const HistoryQuery = z.object({ page: z.coerce.number().int().min(1).max(1000).default(1) });

export async function GET(request: Request): Promise<Response> {
  const current = await currentStatus().catch(() => null);
  if (!current) return statusUnavailable(request, "html");
  const query = HistoryQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) {
    return htmlResponse(request, renderProblem(current.snapshot.page.name, "Bad request", "page must be a whole number from 1 to 1000."), { status: 400 });
  }
  const view = await readHistoryView(query.data.page).catch(() => null);
  if (!view) {
    // Not in this process's cache and the database is unreachable: say so rather than fail.
    return htmlResponse(request, renderUnavailable(current.snapshot.page.name), { status: 503 });
  }
  if (query.data.page > 1 && view.value.months.every((m) => m.incidents.length === 0) && !view.value.hasOlder) {
    return htmlResponse(request, renderProblem(current.snapshot.page.name, "Page not found", "There is no history this far back."), { status: 404 });
  }
  const state = { ...stateOf(current), stale: current.stale || view.stale };
  return htmlResponse(request, renderHistory(view.value, state), { stale: state.stale, generatedAt: current.snapshot.generatedAt });
}
