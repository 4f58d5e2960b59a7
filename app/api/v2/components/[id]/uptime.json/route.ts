// GET /api/v2/components/[id]/uptime.json — Vigil extension: a component's uptime and 90 daily bars
import { jsonResponse } from "@/lib/http/public-response";
import { statusUnavailable } from "@/app/(public)/_views/respond";
import { currentStatus } from "@/lib/public-read/current-status";
import { componentUptimeV2, vigilMetaV2 } from "@/lib/public-read/statuspage/statuspage-v2";

export const dynamic = "force-dynamic";
export { OPTIONS } from "../../../v2-route";

export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params;
  const current = await currentStatus().catch(() => null);
  if (!current) return statusUnavailable(request, "json");
  const { snapshot, stale } = current;
  const body = componentUptimeV2(snapshot, id);
  if (!body) return jsonResponse(request, { error: { code: "not_found", message: `no component with id ${JSON.stringify(id.slice(0, 100))}` } }, { status: 404 });
  return jsonResponse(request, { ...body, vigil: vigilMetaV2(snapshot, stale) }, { stale, generatedAt: snapshot.generatedAt });
}
