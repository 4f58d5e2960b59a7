// GET /api/admin/monitors/{id} — one monitor; PUT — replace its settings (SaveMonitor); DELETE — delete it
import { adminRoute, jsonBody } from "@/lib/admin-api/admin-route";
import { NotFoundError } from "@/lib/errors";
import { readMonitor } from "@/lib/console/catalog";
import { deleteMonitor, saveMonitor } from "@/lib/monitors/save-monitor";

export const dynamic = "force-dynamic";

export const GET = adminRoute("read", async (_request, { params }) => {
  const monitor = await readMonitor(params.id!);
  if (!monitor) throw new NotFoundError("monitor", params.id!);
  return monitor;
});

export const PUT = adminRoute("write", async (request, { actor, now, params }) => saveMonitor({ ...(await jsonBody(request)), id: params.id } as never, actor, now));

export const DELETE = adminRoute("write", async (_request, { actor, now, params }) => {
  await deleteMonitor(params.id!, actor, now);
});
