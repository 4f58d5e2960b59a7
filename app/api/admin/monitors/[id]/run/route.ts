// POST /api/admin/monitors/{id}/run — run one check now and return its result (not recorded)
import { adminRoute } from "@/lib/admin-api/admin-route";
import { runMonitorNow } from "@/lib/monitors/run-monitor-now";

export const dynamic = "force-dynamic";

export const POST = adminRoute("write", (_request, { actor, now, params }) => runMonitorNow(params.id!, actor, now));
