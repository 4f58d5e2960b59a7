// GET / — the status page: banner, incidents, maintenance, components, uptime bars, response times
import { currentStatus } from "@/lib/public-read/current-status";
import { renderHome } from "./_views/home";
import { htmlResponse, statusUnavailable } from "./_views/respond";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const current = await currentStatus().catch(() => null);
  if (!current) return statusUnavailable(request, "html");
  return htmlResponse(request, renderHome(current), { stale: current.stale, generatedAt: current.snapshot.generatedAt });
}
