// The page's own assets: its stylesheet (accent colours and custom CSS), its logo, and the favicon
// coloured by the current status.
import { IMMUTABLE_CACHE_CONTROL, publicResponse, publicSecurityHeaders } from "@/lib/http/public-response";
import { readPageLogo } from "@/lib/page/page-settings";
import { currentStatus } from "@/lib/public-read/current-status";
import { statusFaviconSvg } from "@/lib/public-read/status-favicon";
import { statusUnavailable } from "./respond";

// GET /custom.css?v=… — the page's accent colours and custom CSS; kept for a year when `v` is current
export async function customStylesheet(request: Request): Promise<Response> {
  const current = await currentStatus(new Date()).catch(() => null);
  if (!current) return statusUnavailable(request, "json");
  const stylesheet = current.snapshot.page.brand?.stylesheet ?? null;
  const versioned = new URL(request.url).searchParams.get("v") === stylesheet?.version;
  return publicResponse(request, stylesheet?.css ?? "", {
    contentType: "text/css; charset=utf-8",
    stale: current.stale,
    generatedAt: current.snapshot.generatedAt,
    ...(versioned && !current.stale ? { cacheControl: IMMUTABLE_CACHE_CONTROL } : {}),
  });
}

// GET /favicon-status.svg — the favicon in the colour of the page indicator
export async function statusFavicon(request: Request): Promise<Response> {
  const current = await currentStatus(new Date()).catch(() => null);
  if (!current) return statusUnavailable(request, "json");
  return publicResponse(request, statusFaviconSvg(current.snapshot.status.indicator), {
    contentType: "image/svg+xml; charset=utf-8",
    stale: current.stale,
    generatedAt: current.snapshot.generatedAt,
  });
}

// GET /logo/:sha256 — an uploaded logo; its address names its content, so it is kept for a year
export async function pageLogo(request: Request, params: { sha256?: string }): Promise<Response> {
  const logo = await readPageLogo(params.sha256 ?? "").catch(() => "unavailable" as const);
  if (logo === "unavailable") return statusUnavailable(request, "json");
  if (!logo) return new Response("No such logo\n", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", ...publicSecurityHeaders() } });
  const etag = `"${params.sha256}"`;
  const headers = { "Content-Type": logo.contentType, "Cache-Control": IMMUTABLE_CACHE_CONTROL, ETag: etag, "Access-Control-Allow-Origin": "*", ...publicSecurityHeaders() };
  if (request.headers.get("if-none-match")?.includes(etag)) return new Response(null, { status: 304, headers });
  return new Response(request.method === "HEAD" ? null : new Uint8Array(logo.bytes), { headers });
}
