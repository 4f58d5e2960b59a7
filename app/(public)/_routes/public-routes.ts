// The public site's one route table: every public address, what answers it, and whether its
// response is the same for every visitor and so kept by the response cache (lib/live/response-cache.ts).
// The cache stores only what a `cache: "shared"` route answered: this table is its list of paths.
// A path no route matches gets the public 404 page.
import { corsPreflight, publicSecurityHeaders } from "@/lib/http/public-response";
import { cacheKey, responseCache } from "@/lib/live/response-cache";
import {
  activeMaintenancesV2,
  componentsV2,
  incidentsV2,
  scheduledMaintenancesV2,
  statusV2,
  summaryV2,
  unresolvedIncidentsV2,
  upcomingMaintenancesV2,
} from "@/lib/public-read/statuspage/statuspage-v2";
import { componentUptime, v2Document } from "./api-v2";
import { currentStatus } from "@/lib/public-read/current-status";
import { withPageBrand } from "../_views/page-brand";
import { badge } from "./badge";
import { customStylesheet, pageLogo, statusFavicon } from "./branding";
import { embedPage } from "./embed";
import { historyFeedRoute } from "./feeds";
import { historyPage, homePage, incidentPage, notFoundPage, uptimePage } from "./pages";
import { confirm, confirmPage, manage, managePage, subscribePage } from "./subscription";

type Params = Record<string, string | undefined>;
type Handler = (request: Request, params: Params) => Promise<Response>;

export type PublicRoute = {
  /** The whole path; named groups become the handler's params, decoded — except `rest`, a run of
   *  segments passed as sent (its handler splits it on "/" and decodes each segment). */
  path: RegExp;
  /** "shared": the same bytes for everyone until the status changes (kept by the cache); "none": per visitor. */
  cache: "shared" | "none";
  GET: Handler;
  POST?: Handler;
  OPTIONS?: () => Response;
};

const api = (map: Parameters<typeof v2Document>[0]) => ({ cache: "shared", GET: v2Document(map), OPTIONS: corsPreflight }) as const;

export const PUBLIC_ROUTES: readonly PublicRoute[] = [
  { path: /^\/$/, cache: "shared", GET: homePage },
  { path: /^\/history$/, cache: "shared", GET: historyPage },
  { path: /^\/uptime$/, cache: "shared", GET: uptimePage },
  { path: /^\/history\.atom$/, cache: "shared", GET: historyFeedRoute("atom") },
  { path: /^\/history\.rss$/, cache: "shared", GET: historyFeedRoute("rss") },
  { path: /^\/incidents\/(?<id>[^/]+)$/, cache: "shared", GET: incidentPage },
  { path: /^\/badge\/(?<rest>.+)$/, cache: "shared", GET: badge },
  { path: /^\/embed$/, cache: "shared", GET: embedPage },
  { path: /^\/custom\.css$/, cache: "shared", GET: customStylesheet },
  { path: /^\/favicon-status\.svg$/, cache: "shared", GET: statusFavicon },
  // Bytes from the database, cached by browsers and CDNs for a year (the hash names the content).
  { path: /^\/logo\/(?<sha256>[0-9a-f]{64})$/, cache: "none", GET: pageLogo },
  { path: /^\/api\/v2\/summary\.json$/, ...api(summaryV2) },
  { path: /^\/api\/v2\/status\.json$/, ...api(statusV2) },
  { path: /^\/api\/v2\/components\.json$/, ...api(componentsV2) },
  { path: /^\/api\/v2\/incidents\.json$/, ...api(incidentsV2) },
  { path: /^\/api\/v2\/incidents\/unresolved\.json$/, ...api(unresolvedIncidentsV2) },
  { path: /^\/api\/v2\/scheduled-maintenances\.json$/, ...api(scheduledMaintenancesV2) },
  { path: /^\/api\/v2\/scheduled-maintenances\/upcoming\.json$/, ...api(upcomingMaintenancesV2) },
  { path: /^\/api\/v2\/scheduled-maintenances\/active\.json$/, ...api(activeMaintenancesV2) },
  { path: /^\/api\/v2\/components\/(?<id>[^/]+)\/uptime\.json$/, cache: "shared", GET: componentUptime, OPTIONS: corsPreflight },
  { path: /^\/subscribe$/, cache: "none", GET: subscribePage },
  { path: /^\/subscribe\/confirm$/, cache: "none", GET: confirmPage, POST: confirm },
  { path: /^\/subscription\/(?<token>[^/]+)$/, cache: "none", GET: managePage, POST: manage },
];

/** The route for a path, with its params (single segments decoded); null when none matches. */
export function matchPublicRoute(pathname: string): { route: PublicRoute; params: Params } | null {
  for (const route of PUBLIC_ROUTES) {
    const match = route.path.exec(pathname);
    if (!match) continue;
    const params: Params = {};
    for (const [name, raw] of Object.entries(match.groups ?? {})) {
      if (raw === undefined || name === "rest") params[name] = raw;
      else {
        try {
          params[name] = decodeURIComponent(raw);
        } catch {
          return null;
        }
      }
    }
    return { route, params };
  }
  return null;
}

/** Answers any request for a public address: the route's handler, through the cache when shared. */
export async function answerPublic(request: Request): Promise<Response> {
  const found = matchPublicRoute(new URL(request.url).pathname);
  const method = request.method === "HEAD" ? "GET" : request.method;
  if (!found) return branded(() => notFoundPage(request));
  const { route, params } = found;
  const allow = ["GET, HEAD", route.POST ? "POST" : null, "OPTIONS"].filter(Boolean).join(", ");
  // Without a CORS preflight of its own, OPTIONS says what the route takes (as Next would).
  if (method === "OPTIONS") return route.OPTIONS ? route.OPTIONS() : new Response(null, { status: 204, headers: { Allow: allow, ...publicSecurityHeaders() } });
  if (method === "POST" && route.POST) return branded(() => route.POST!(request, params));
  if (method !== "GET") return methodNotAllowed(allow);
  if (route.cache === "none") return branded(() => route.GET(request, params));
  return responseCache().respond(cacheKey(request.url), request, (plain) => branded(() => route.GET(plain, params)));
}

/** Renders inside the page's branding (the layout's logo, links and stylesheet): read from the cached status. */
async function branded(render: () => Promise<Response>): Promise<Response> {
  const page = await currentStatus(new Date()).then(
    (current) => current.snapshot.page,
    () => null,
  );
  return withPageBrand(page, render);
}

function methodNotAllowed(allow: string): Response {
  return new Response("Method not allowed\n", { status: 405, headers: { Allow: allow, "Content-Type": "text/plain; charset=utf-8", ...publicSecurityHeaders() } });
}
