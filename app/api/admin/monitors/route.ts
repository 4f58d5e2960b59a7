// GET /api/admin/monitors — every monitor with its settings and state; POST — create one (SaveMonitor)
import { adminRoute, bodyInput } from "@/lib/admin-api/admin-route";
import { listMonitors } from "@/lib/console/catalog";
import { saveMonitor } from "@/lib/monitors/save-monitor";
import { SaveMonitor } from "@/lib/monitors/schemas";

export const dynamic = "force-dynamic";

export const GET = adminRoute("read", () => listMonitors());

// POST creates: an `id` in the body must not turn it into an update.
export const POST = adminRoute("write", async (request, { ctx }) => saveMonitor({ ctx, input: await bodyInput(request, SaveMonitor, { id: undefined }) }));
