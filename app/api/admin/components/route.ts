// GET /api/admin/components — groups and components; POST — create a component (SaveComponent)
import { adminRoute, jsonBody } from "@/lib/admin-api/admin-route";
import { saveComponent } from "@/lib/components/save-component";
import { listCatalog } from "@/lib/console/catalog";

export const dynamic = "force-dynamic";

export const GET = adminRoute("read", () => listCatalog());

export const POST = adminRoute("write", async (request, { actor }) => {
  // POST creates: an `id` in the body must not turn it into an update.
  const fields = { ...(await jsonBody(request)), id: undefined };
  return saveComponent(fields as never, actor);
});
