// The Statuspage-compatible JSON API (/api/v2/*.json): the current snapshot (cached; stale when the
// database is down), mapped to exactly Statuspage's JSON — when it was read and whether it is the last
// good snapshot travel in the X-Vigil-Generated-At and X-Vigil-Stale headers, so a strict client that
// rejects unknown keys reads it — with ETag/Cache-Control/CORS.
import { jsonResponse } from "@/lib/http/public-response";
import { currentStatus } from "@/lib/public-read/current-status";
import type { StatusSnapshot } from "@/lib/public-read/status-snapshot-types";
import { componentUptimeV2 } from "@/lib/public-read/statuspage/statuspage-v2";
import { statusUnavailable } from "./respond";

export function v2Document(map: (snapshot: StatusSnapshot) => object) {
  return async function v2Response(request: Request): Promise<Response> {
    const current = await currentStatus(new Date()).catch(() => null);
    if (!current) return statusUnavailable(request, "json");
    const { snapshot, stale } = current;
    return jsonResponse(request, map(snapshot), { stale, generatedAt: snapshot.generatedAt });
  };
}

// GET /api/v2/components/:id/uptime.json — Vigil extension: a component's uptime and 90 daily bars
export async function componentUptime(request: Request, params: { id?: string }): Promise<Response> {
  const id = params.id ?? "";
  const current = await currentStatus(new Date()).catch(() => null);
  if (!current) return statusUnavailable(request, "json");
  const { snapshot, stale } = current;
  const body = componentUptimeV2(snapshot, id);
  if (!body) return jsonResponse(request, { error: { code: "not_found", message: `no component with id ${JSON.stringify(id.slice(0, 100))}` } }, { status: 404 });
  return jsonResponse(request, body, { stale, generatedAt: snapshot.generatedAt });
}
