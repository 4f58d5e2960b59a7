// What the custom server (scripts/web-server.ts) answers itself, and what it leaves to Next.
// Next's server costs ~100 MB of memory once loaded; the only addresses that need it are the admin
// console and its API (React pages, server actions, the session through next/headers) and Next's
// own assets. Everything else — every public address (the route table of
// app/(public)/_routes/public-routes.ts), the subscription API, health, live and metrics — is a
// plain route handler (a web Request in, a Response out) that this module runs without Next, so a
// status page whose console is not in use never loads it (docs/architecture.md, "Next on demand").
//
// scripts/web-routes.test.ts walks app/ and fails when a route file is in neither list.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { requestScheme } from "../lib/auth/request-origin";
import { env, publicUrl } from "../lib/env";
import { API_CONTENT_SECURITY_POLICY } from "../lib/http/content-security-policy";
import { serverActionRefusal, unsafeUrlRefusal } from "../lib/http/edge-guard";
import { EVERYWHERE_HEADERS, etagOf, publicSecurityHeaders } from "../lib/http/public-response";
import { logger } from "../lib/log";
import { answerPublic } from "../app/(public)/_routes/public-routes";
import * as health from "../app/api/health/route";
import * as live from "../app/api/live/route";
import * as metrics from "../app/metrics/route";
import * as subscriptions from "../app/api/subscriptions/route";
import * as subscriptionByToken from "../app/api/subscriptions/[token]/route";
import * as unsubscribe from "../app/api/subscriptions/unsubscribe/route";

/** The admin console, its API and Next's assets: the addresses that load Next. */
export function servedByNext(pathname: string): boolean {
  return /^\/(admin|api\/admin)(\/|$)/.test(pathname) || pathname.startsWith("/_next/");
}

/** Next's second argument: the path's params. Typed `never` so each route may name its own (they come from its pattern's groups). */
type Context = { params: Promise<never> };
type Handler = (request: Request, context: Context) => Response | Promise<Response>;
type RouteModule = Partial<Record<"GET" | "POST" | "PATCH" | "DELETE", Handler>>;

/** Route files outside the public catch-all that run here, as Next would route them (a static segment before a dynamic one). */
export const OWN_ROUTES: readonly { path: RegExp; file: string; module: RouteModule }[] = [
  { path: /^\/api\/health$/, file: "app/api/health/route.ts", module: health },
  { path: /^\/api\/live$/, file: "app/api/live/route.ts", module: live },
  { path: /^\/metrics$/, file: "app/metrics/route.ts", module: metrics },
  { path: /^\/api\/subscriptions$/, file: "app/api/subscriptions/route.ts", module: subscriptions },
  { path: /^\/api\/subscriptions\/unsubscribe$/, file: "app/api/subscriptions/unsubscribe/route.ts", module: unsubscribe },
  { path: /^\/api\/subscriptions\/(?<token>[^/]+)$/, file: "app/api/subscriptions/[token]/route.ts", module: subscriptionByToken },
];

/** What next.config.ts's headers() gives these endpoints when Next answers them. */
const API_HEADERS: Record<string, string> = { ...EVERYWHERE_HEADERS, "Content-Security-Policy": API_CONTENT_SECURITY_POLICY };

/** Answers a request for an address Next does not serve: the proxy's refusals first, then the route. */
export async function answerWithoutNext(request: Request): Promise<Response> {
  const url = new URL(request.url);
  // Next redirects a trailing slash away before routing; so does this.
  if (url.pathname.length > 1 && url.pathname.endsWith("/")) {
    return new Response(null, { status: 308, headers: { Location: url.pathname.replace(/\/+$/, "") + url.search } });
  }
  const refused = edgeRefusal(request, url);
  if (refused) return refused;
  if (request.method === "GET" || request.method === "HEAD") {
    const file = await staticFile(url.pathname);
    if (file) return new Response(request.method === "HEAD" ? null : new Uint8Array(file.body), { headers: file.headers });
  }
  const own = OWN_ROUTES.find((route) => route.path.test(url.pathname));
  if (!own) return answerPublic(request);
  const answer = await runRoute(own.module, request, own.path.exec(url.pathname)?.groups ?? {});
  for (const [name, value] of Object.entries(API_HEADERS)) if (!answer.headers.has(name)) answer.headers.set(name, value);
  return answer;
}

/** What proxy.ts refuses before Next runs anything, refused here the same way. */
function edgeRefusal(request: Request, url: URL): Response | null {
  const target = { host: request.headers.get("host"), scheme: requestScheme(request.headers.get("x-forwarded-proto"), env().TRUST_PROXY_HOPS) };
  return serverActionRefusal({ method: request.method, pathname: url.pathname, headers: request.headers, target }, publicUrl()) ?? unsafeUrlRefusal(url);
}

/** A route module's handler for the method, as Next runs it: HEAD by GET, OPTIONS and other methods answered from what it exports. */
async function runRoute(module: RouteModule, request: Request, groups: Record<string, string | undefined>): Promise<Response> {
  const params: Record<string, string> = {};
  for (const [name, raw] of Object.entries(groups)) {
    try {
      params[name] = decodeURIComponent(raw ?? "");
    } catch {
      return answerPublic(request); // a malformed escape: the public 404, as the catch-all would answer
    }
  }
  const method = request.method === "HEAD" ? "GET" : request.method;
  const handler = module[method as keyof RouteModule];
  if (handler) {
    try {
      return await handler(request, { params: Promise.resolve(params) as Promise<never> });
    } catch (error) {
      logger().error({ err: error }, `route handler failed: ${(error as Error).message}`);
      return new Response("Internal Server Error", { status: 500 });
    }
  }
  const allow = ["OPTIONS", ...Object.keys(module).filter((name) => /^[A-Z]+$/.test(name)), ...(module.GET ? ["HEAD"] : [])].sort().join(", ");
  return new Response(null, { status: method === "OPTIONS" ? 204 : 405, headers: { Allow: allow } });
}

/** Files of public/ (the favicons), read once and served at the root as Next serves them. */
const STATIC_TYPES: Record<string, string> = { ".ico": "image/x-icon", ".svg": "image/svg+xml" };
type StaticFile = { body: Buffer; headers: Record<string, string> };
let staticFiles: Promise<Map<string, StaticFile>> | undefined;

async function staticFile(pathname: string): Promise<StaticFile | null> {
  staticFiles ??= readStaticFiles(path.join(process.cwd(), "public"));
  return (await staticFiles).get(pathname) ?? null;
}

async function readStaticFiles(dir: string): Promise<Map<string, StaticFile>> {
  const files = new Map<string, StaticFile>();
  for (const name of await readdir(dir).catch(() => [])) {
    const type = STATIC_TYPES[path.extname(name)];
    if (!type) continue;
    const body = await readFile(path.join(dir, name));
    files.set(`/${name}`, { body, headers: { "Content-Type": type, "Cache-Control": "public, max-age=0", ETag: etagOf(body), ...publicSecurityHeaders() } });
  }
  return files;
}
