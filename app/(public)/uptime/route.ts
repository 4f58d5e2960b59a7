// GET /uptime — each component's uptime per month for the last 12 months
import { currentStatus } from "@/lib/public-read/current-status";
import { readMonthlyUptimeView } from "@/lib/public-read/read-history";
import { stateOf } from "../_views/home";
import { renderUnavailable } from "../_views/not-found";
import { htmlResponse, statusUnavailable } from "../_views/respond";
import { renderUptime } from "../_views/uptime";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const current = await currentStatus().catch(() => null);
  if (!current) return statusUnavailable(request, "html");
  const view = await readMonthlyUptimeView().catch(() => null);
  if (!view) {
    // Not in this process's cache and the database is unreachable: say so rather than fail.
    return htmlResponse(request, renderUnavailable(current.snapshot.page.name), { status: 503 });
  }
  const state = { ...stateOf(current), stale: current.stale || view.stale };
  return htmlResponse(request, renderUptime(view.value, state), { stale: state.stale, generatedAt: current.snapshot.generatedAt });
}
