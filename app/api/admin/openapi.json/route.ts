// GET /api/admin/openapi.json — the admin API's OpenAPI document, generated from the zod schemas
import { adminOpenApiDocument } from "@/lib/admin-api/openapi";
import { publicUrl } from "@/lib/env";

export const dynamic = "force-dynamic";

export function GET() {
  return Response.json(adminOpenApiDocument(publicUrl()), { headers: { "Cache-Control": "no-store" } });
}
