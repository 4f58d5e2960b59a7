// GET /badge/status.svg|json, /badge/[component]/status.svg|json, /badge/[component]/uptime.svg|json,
// /badge/[monitor]/cert-days.svg|json — SVG badges and shields.io endpoint JSON (id or name)
import { z } from "zod";
import { statusUnavailable } from "./respond";
import { jsonResponse, publicResponse } from "@/lib/http/public-response";
import { badgeSvg, certificateBadge, resolveBadge, shieldsEndpoint, unknownBadge, type Badge } from "@/lib/public-read/badges";
import { currentStatus } from "@/lib/public-read/current-status";
import { monitorCertificate } from "@/lib/public-read/monitor-certificate";

const File = z.string().regex(/^(status|uptime|cert-days)\.(svg|json)$/, "expected status, uptime or cert-days, as .svg or .json");
const BadgePath = z.union([
  z.tuple([File.refine((file) => file.startsWith("status."), "the page badge is status.svg or status.json")]),
  z.tuple([z.string().min(1).max(200), File]),
]);

export async function badge(request: Request, params: { rest?: string }): Promise<Response> {
  const segments = (params.rest ?? "").split("/").map(decodeSegment);
  const parsed = BadgePath.safeParse(segments);
  if (!parsed.success) {
    // An <img> pointing at a wrong address still gets an image, saying so.
    if (segments.at(-1)?.endsWith(".svg")) return unknownBadgeResponse(request, "badge");
    return jsonResponse(request, { error: { code: "bad_request", message: `unknown badge: ${parsed.error.issues[0]?.message ?? "bad path"}` } }, { status: 404 });
  }
  const [subject, file] = parsed.data.length === 1 ? [null, parsed.data[0]] : parsed.data;
  const [kind, format] = file.split(".") as ["status" | "uptime" | "cert-days", "svg" | "json"];
  const found = kind === "cert-days" ? await certificateFor(subject!) : await statusBadge(subject, kind);
  if (found === "unavailable") return statusUnavailable(request, "json");
  const { badge, stale, generatedAt } = found;
  if (!badge && format === "svg") return unknownBadgeResponse(request, kind === "cert-days" ? "certificate" : "component");
  if (!badge) return jsonResponse(request, { error: { code: "not_found", message: `no ${kind === "cert-days" ? "monitor" : "component"} named ${JSON.stringify(subject)}` } }, { status: 404 });
  if (format === "json") return jsonResponse(request, shieldsEndpoint(badge), { stale, generatedAt });
  return publicResponse(request, badgeSvg(badge), { contentType: "image/svg+xml; charset=utf-8", stale, generatedAt });
}

/** 404 with a grey "unknown" badge: the embedding page shows a badge, not a broken image. */
function unknownBadgeResponse(request: Request, label: string): Response {
  return publicResponse(request, badgeSvg(unknownBadge(label)), { contentType: "image/svg+xml; charset=utf-8", status: 404 });
}

/** A path segment as text; a malformed escape stays as sent (and names no badge). */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

type FoundBadge = { badge: Badge | null; stale: boolean; generatedAt: string } | "unavailable";

async function statusBadge(subject: string | null, kind: "status" | "uptime"): Promise<FoundBadge> {
  const current = await currentStatus(new Date()).catch(() => null);
  if (!current) return "unavailable";
  return { badge: resolveBadge(current.snapshot, subject, kind), stale: current.stale, generatedAt: current.snapshot.generatedAt };
}

async function certificateFor(subject: string): Promise<FoundBadge> {
  const now = new Date();
  const found = await monitorCertificate(subject, now).catch(() => null);
  if (!found) return "unavailable";
  return { badge: found.value && certificateBadge(found.value, now), stale: found.stale, generatedAt: found.loadedAt.toISOString() };
}
