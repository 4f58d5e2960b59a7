// GET /api/admin/components — groups and components; POST — create a component (SaveComponent)
import { adminRoute, bodyInput } from "@/lib/admin-api/admin-route";
import { saveComponent } from "@/lib/components/save-component";
import { SaveComponent } from "@/lib/components/schemas";
import { listCatalog } from "@/lib/console/catalog";

export const dynamic = "force-dynamic";

export const GET = adminRoute("read", () => listCatalog());

// POST creates: an `id` in the body must not turn it into an update.
export const POST = adminRoute("write", async (request, { ctx }) => saveComponent({ ctx, input: await bodyInput(request, SaveComponent, { id: undefined }) }));
