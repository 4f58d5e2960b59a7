// GET /api/admin/page — the page settings; PATCH — change some of them (UpdatePageSettings, without the logo)
import { adminRoute, bodyInput } from "@/lib/admin-api/admin-route";
import { readPageSettings } from "@/lib/page/page-settings";
import { EditPageSettings } from "@/lib/page/schemas";
import { updatePageSettings } from "@/lib/page/update-page-settings";

export const dynamic = "force-dynamic";

export const GET = adminRoute("read", () => readPageSettings());

export const PATCH = adminRoute("write", async (request, { ctx }) => updatePageSettings({ ctx, input: await bodyInput(request, EditPageSettings) }));
