// PUT /api/admin/components/{id} — replace a component's settings (SaveComponent); DELETE — delete it
import { adminRoute, jsonBody } from "@/lib/admin-api/admin-route";
import { deleteComponent } from "@/lib/components/delete-component";
import { saveComponent } from "@/lib/components/save-component";

export const dynamic = "force-dynamic";

export const PUT = adminRoute("write", async (request, { actor, params }) => saveComponent({ ...(await jsonBody(request)), id: params.id } as never, actor));

export const DELETE = adminRoute("write", async (_request, { actor, params }) => {
  await deleteComponent(params.id!, actor);
});
