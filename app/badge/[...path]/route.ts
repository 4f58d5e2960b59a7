// GET /badge/status.svg|json, /badge/[component]/status.svg|json, /badge/[component]/uptime.svg|json,
// /badge/[monitor]/cert-days.svg|json — SVG badges and shields.io endpoint JSON (id or name)
import { z } from "zod";
import { statusUnavailable } from "@/app/(public)/_views/respond";
import { jsonResponse, publicResponse } from "@/lib/http/public-response";
import { badgeSvg, resolveBadge, shieldsEndpoint } from "@/lib/status/badges";
import { currentStatus } from "@/lib/status/current-status";

export const dynamic = "force-dynamic";

const File = z.string().regex(/^(status|uptime|cert-days)\.(svg|json)$/, "expected status, uptime or cert-days, as .svg or .json");
const BadgePath = z.union([
  z.tuple([File.refine((file) => file.startsWith("status."), "the page badge is status.svg or status.json")]),
  z.tuple([z.string().min(1).max(200), File]),
]);

export async function GET(request: Request, context: { params: Promise<{ path: string[] }> }): Promise<Response> {
  const parsed = BadgePath.safeParse((await context.params).path);
  if (!parsed.success) {
    return jsonResponse(request, { error: { code: "bad_request", message: `unknown badge: ${parsed.error.issues[0]?.message ?? "bad path"}` } }, { status: 404 });
  }
  const [subject, file] = parsed.data.length === 1 ? [null, parsed.data[0]] : parsed.data;
  const [kind, format] = file.split(".") as ["status" | "uptime" | "cert-days", "svg" | "json"];
  const current = await currentStatus().catch(() => null);
  if (!current) return statusUnavailable(request, "json");
  const { snapshot, stale } = current;
  const badge = resolveBadge(snapshot, subject, kind, new Date());
  if (!badge) return jsonResponse(request, { error: { code: "not_found", message: `no ${kind === "cert-days" ? "monitor" : "component"} named ${JSON.stringify(subject)}` } }, { status: 404 });
  if (format === "json") return jsonResponse(request, shieldsEndpoint(badge), { stale, generatedAt: snapshot.generatedAt });
  return publicResponse(request, badgeSvg(badge), { contentType: "image/svg+xml; charset=utf-8", stale, generatedAt: snapshot.generatedAt });
}
