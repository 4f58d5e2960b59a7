// PUT /api/admin/page/logo — upload the logo (multipart form, field `logo`: PNG, JPEG or WebP); DELETE — remove it
import { adminRoute } from "@/lib/admin-api/admin-route";
import { readFormBody } from "@/lib/http/request-body";
import { LOGO_MAX_BYTES } from "@/lib/page/logo-image";
import { logoFromForm } from "@/lib/page/logo-form";
import { UpdatePageSettings } from "@/lib/page/schemas";
import { updatePageSettings } from "@/lib/page/update-page-settings";

export const dynamic = "force-dynamic";

/** Room for the form's boundaries and headers around the largest logo: past it, 413 before reading on. */
const LOGO_FORM_LIMIT_BYTES = LOGO_MAX_BYTES + 16 * 1024;

export const PUT = adminRoute("write", async (request, { ctx }) => {
  const logo = await logoFromForm(await readFormBody(request, LOGO_FORM_LIMIT_BYTES));
  return updatePageSettings({ ctx, input: UpdatePageSettings.parse({ logo }) });
});

export const DELETE = adminRoute("write", async (_request, { ctx }) => {
  await updatePageSettings({ ctx, input: UpdatePageSettings.parse({ logo: null }) });
});
