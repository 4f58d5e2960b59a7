// GET /api/admin/monitors/{id} — one monitor; PUT — replace its settings (SaveMonitor); DELETE — delete it
import { adminRoute, bodyInput } from "@/lib/admin-api/admin-route";
import { NotFoundError } from "@/lib/errors";
import { readMonitor } from "@/lib/console/catalog";
import { deleteMonitor, saveMonitor } from "@/lib/monitors/save-monitor";
import { DeleteMonitor, SaveMonitor } from "@/lib/monitors/schemas";

export const dynamic = "force-dynamic";

export const GET = adminRoute("read", async (_request, { params }) => {
  const monitor = await readMonitor(params.id!);
  if (!monitor) throw new NotFoundError("monitor", params.id!);
  return monitor;
});

export const PUT = adminRoute("write", async (request, { ctx, params }) => saveMonitor({ ctx, input: await bodyInput(request, SaveMonitor, { id: params.id }) }));

export const DELETE = adminRoute("write", async (_request, { ctx, params }) => {
  await deleteMonitor({ ctx, input: DeleteMonitor.parse({ id: params.id }) });
});
