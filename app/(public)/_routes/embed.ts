// GET /embed, /embed?component=<id or name> — the status widget other sites frame: the page's (or a
// component's) status and a link to the page; no script, framable by any site (see
// embedContentSecurityPolicy in lib/http/content-security-policy.ts for why that is safe).
import { z } from "zod";
import { embedContentSecurityPolicy } from "@/lib/http/content-security-policy";
import { publicResponse } from "@/lib/http/public-response";
import { resolveBadge, unknownBadge, type Badge } from "@/lib/public-read/badges";
import { currentStatus } from "@/lib/public-read/current-status";
import { EMBED_CSS, renderEmbed } from "../_views/embed";

const EmbedQuery = z.object({ component: z.string().min(1).max(200).optional() });

export async function embedPage(request: Request): Promise<Response> {
  const current = await currentStatus(new Date()).catch(() => null);
  // Every answer is a widget, even a failure: the embedding page shows words, not a broken frame.
  if (!current) return widget(request, { label: "Status", message: "temporarily unavailable", color: unknownBadge("").color }, "Status", { status: 503 });
  const { snapshot, stale } = current;
  const query = EmbedQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return widget(request, { ...unknownBadge("component"), message: "component must be 1 to 200 characters" }, snapshot.page.name, { status: 400 });
  const badge = resolveBadge(snapshot, query.data.component ?? null, "status");
  if (!badge) return widget(request, unknownBadge("component"), snapshot.page.name, { status: 404 });
  return widget(request, badge, snapshot.page.name, { stale, generatedAt: snapshot.generatedAt });
}

function widget(request: Request, badge: Badge, pageName: string, options: { status?: number; stale?: boolean; generatedAt?: string }): Response {
  return publicResponse(request, renderEmbed(badge, pageName), { ...options, contentType: "text/html; charset=utf-8", contentSecurityPolicy: embedContentSecurityPolicy(EMBED_CSS) });
}
