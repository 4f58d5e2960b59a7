// GET /api/admin/monitors — every monitor with its settings and state; POST — create one (SaveMonitor)
import { adminRoute, jsonBody } from "@/lib/admin-api/admin-route";
import { listMonitors } from "@/lib/console/catalog";
import { saveMonitor } from "@/lib/monitors/save-monitor";

export const dynamic = "force-dynamic";

export const GET = adminRoute("read", () => listMonitors());

export const POST = adminRoute("write", async (request, { actor, now }) => {
  // POST creates: an `id` in the body must not turn it into an update.
  const fields = { ...(await jsonBody(request)), id: undefined };
  return saveMonitor(fields as never, actor, now);
});
