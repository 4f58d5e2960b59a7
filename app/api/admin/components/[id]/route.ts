// PUT /api/admin/components/{id} — replace a component's settings (SaveComponent); DELETE — delete it
import { adminRoute, bodyInput } from "@/lib/admin-api/admin-route";
import { deleteComponent } from "@/lib/components/delete-component";
import { saveComponent } from "@/lib/components/save-component";
import { DeleteComponent, SaveComponent } from "@/lib/components/schemas";

export const dynamic = "force-dynamic";

export const PUT = adminRoute("write", async (request, { ctx, params }) => saveComponent({ ctx, input: await bodyInput(request, SaveComponent, { id: params.id }) }));

export const DELETE = adminRoute("write", async (_request, { ctx, params }) => {
  await deleteComponent({ ctx, input: DeleteComponent.parse({ id: params.id }) });
});
