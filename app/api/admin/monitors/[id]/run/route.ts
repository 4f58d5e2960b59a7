// POST /api/admin/monitors/{id}/run — run one check now and return its result (not recorded)
import { adminRoute } from "@/lib/admin-api/admin-route";
import { runMonitorNow } from "@/lib/monitors/run-monitor-now";
import { RunMonitorNow } from "@/lib/monitors/schemas";

export const dynamic = "force-dynamic";

export const POST = adminRoute("write", (_request, { ctx, params }) => runMonitorNow({ ctx, input: RunMonitorNow.parse({ id: params.id }) }));
