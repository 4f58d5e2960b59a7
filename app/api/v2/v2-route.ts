// The shape of every /api/v2 route: the current snapshot (cached; stale when the database is
// down), mapped to Statuspage's JSON, plus Vigil's `vigil` key, with ETag/Cache-Control/CORS.
import { statusUnavailable } from "@/app/(public)/_views/respond";
import { corsPreflight, jsonResponse } from "@/lib/http/public-response";
import { currentStatus } from "@/lib/public-read/current-status";
import type { StatusSnapshot } from "@/lib/public-read/status-snapshot-types";
import { vigilMetaV2 } from "@/lib/public-read/statuspage/statuspage-v2";

export function v2Route(map: (snapshot: StatusSnapshot) => object) {
  return async function GET(request: Request): Promise<Response> {
    const current = await currentStatus().catch(() => null);
    if (!current) return statusUnavailable(request, "json");
    const { snapshot, stale } = current;
    return jsonResponse(request, { ...map(snapshot), vigil: vigilMetaV2(snapshot, stale) }, { stale, generatedAt: snapshot.generatedAt });
  };
}

export const OPTIONS = corsPreflight;
