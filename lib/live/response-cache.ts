// Rendered public responses kept as bytes + headers per key (the path with its query, and for pages
// the language the visitor's Accept-Language picks — see localizedCacheKey), valid for
// the change feed's generation they were rendered in (a NOTIFY, a scheduled refresh or the safety
// max age moves it on). What may be cached is decided by the public route table
// (app/(public)/_routes/public-routes.ts): only its routes marked `cache: "shared"` ever store an
// entry, so the table is this cache's list of paths and there is no other.
//
// Two doors, one store:
//   - the public routes answer through `respond()`: a current entry becomes a Response built from
//     its bytes; otherwise one request per key renders, the bytes are kept and answered;
//   - the custom server (scripts/web-server.ts) asks `serveNode()` before anything else and, on a
//     hit, writes the kept bytes itself (gzipped once per entry when the client accepts it).
// Right after a change, one request renders the new bytes; everyone who asks while that render
// runs gets the previous bytes at once (`x-vigil-cache: stale`, as a CDN would), so a burst of
// changes does not make every visitor wait behind renders. A request that refuses a cached answer
// (`Cache-Control: no-cache` or `Pragma: no-cache`: what the live page's refetch after a change and a
// hard reload send) never gets the previous bytes: it waits for that render. Otherwise a second open
// page's refetch, arriving while the first one's renders, would be told the old status and never
// hear of the change again.
// Entries are trusted only while the feed listens: with the database down (or no LISTEN) every
// request renders, and the view cache serves the last good snapshot with the stale notice.
// ETag/If-None-Match gives 304s from here too.
//
// Not `server-only`: scripts/web.ts runs outside the Next bundle. For the same reason the one
// instance per process lives on globalThis — the custom server's module graph and Next's bundle
// each load this file, and both must see the same entries.
import type { IncomingMessage, ServerResponse } from "node:http";
import { gzipSync } from "node:zlib";
import { matchesEtag } from "../http/public-response";
import { preferredLanguage } from "../i18n/negotiate-language";
import { changeFeed, type ChangeFeed } from "./change-feed";

const MAX_ENTRIES = 1_000;
const MAX_BYTES = 64 * 1024 * 1024;
/** Previous bytes stand in for a render only this long: a render that hangs must not pin them. */
const STALE_WHILE_RENDERING_MS = 10_000;
/** Headers that describe one transfer, not the resource. */
const TRANSFER_HEADERS = new Set(["date", "connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding", "x-vigil-cache"]);

/** `flat`: `headers` as one name, value list, made on the first hit (what writeHead takes fastest). */
type Entry = { generation: number; headers: [string, string][]; body: Buffer; etag: string | null; gzip?: Buffer; flat?: string[] };
type Flight = { generation: number; startedAt: number; done: Promise<void> };
export type CacheState = "hit" | "miss" | "stale";

/** The key of a request: its path and query, whatever the host. */
export function cacheKey(url: string): string {
  const parsed = new URL(url, "http://key");
  return parsed.pathname + parsed.search;
}

/**
 * The key of a page whose language follows the visitor: cacheKey and, after "#" (never part of a
 * request's path), the supported language their Accept-Language prefers — "" when it names none
 * and the page's own language applies. So German bytes are never answered to an English reader,
 * and all the ways of asking for one language share one entry.
 */
export function localizedCacheKey(url: string, acceptLanguage: string | null): string {
  return `${cacheKey(url)}#${preferredLanguage(acceptLanguage) ?? ""}`;
}

export class ResponseCache {
  private readonly entries = new Map<string, Entry>();
  /** Keys being rendered now; a render of the current generation is waited for, not repeated. */
  private readonly flights = new Map<string, Flight>();
  private bytes = 0;

  constructor(readonly feed: ChangeFeed) {}

  /**
   * Answers `request` from the entry for `key`, or calls `render` (with a plain GET of the same
   * address, so the bytes are whole whatever the request's method and If-None-Match) and keeps a
   * 200 that is public, fresh and cookie-free.
   */
  async respond(key: string, request: Request, render: (plain: Request) => Promise<Response>): Promise<Response> {
    const found = this.lookup(key, acceptsStale(request.headers.get("cache-control"), request.headers.get("pragma")));
    if (found) return answer(found.entry, found.state, request);
    if (!this.feed.listening) return render(request);
    const running = this.flights.get(key);
    if (running && running.generation === this.feed.generation) {
      await running.done;
      const fresh = this.lookup(key, false);
      if (fresh) return answer(fresh.entry, fresh.state, request);
      return render(request);
    }
    const generation = this.feed.generation;
    let finish = () => {};
    const flight: Flight = { generation, startedAt: Date.now(), done: new Promise<void>((resolve) => (finish = resolve)) };
    this.flights.set(key, flight);
    try {
      // Only the language the key already names reaches the render.
      const acceptLanguage = request.headers.get("accept-language");
      const rendered = await render(new Request(request.url, { headers: acceptLanguage ? { "accept-language": acceptLanguage } : {} }));
      const body = Buffer.from(await rendered.arrayBuffer());
      const entry: Entry = { generation, headers: keptHeaders(rendered.headers), body, etag: rendered.headers.get("etag") };
      if (this.cacheable(rendered, body)) this.store(key, entry);
      return answer(entry, "miss", request, rendered.status);
    } finally {
      if (this.flights.get(key) === flight) this.flights.delete(key);
      finish();
    }
  }

  /**
   * For the custom server: writes the cached answer and returns true, or returns false (the request
   * goes on to be rendered). `own` holds the server's own headers as a flat name, value list. The
   * request's own path is tried as the key first (the usual case, already normalised): a cache hit
   * costs a map lookup and one writeHead of prepared headers, which is most of a small body's time.
   */
  serveNode(request: IncomingMessage, response: ServerResponse, own: readonly string[] = []): boolean {
    if (request.method !== "GET" && request.method !== "HEAD") return false;
    const url = request.url ?? "/";
    const stale = acceptsStale(singleHeader(request.headers["cache-control"]), singleHeader(request.headers.pragma));
    // Shared resources are kept under their plain key (the request's own path, usually already
    // normalised), pages under the localized one.
    const found =
      this.lookup(url, stale) ??
      (url === cacheKey(url) ? null : this.lookup(cacheKey(url), stale)) ??
      this.lookup(localizedCacheKey(url, singleHeader(request.headers["accept-language"])), stale);
    if (!found) return false;
    const { entry, state } = found;
    entry.flat ??= entry.headers.flat();
    const headers = [...own, "x-vigil-cache", state, ...entry.flat];
    if (entry.etag !== null && matchesEtag(singleHeader(request.headers["if-none-match"]), entry.etag)) {
      response.writeHead(304, headers).end();
      return true;
    }
    const acceptEncoding = request.headers["accept-encoding"];
    const gzip = acceptEncoding !== undefined && /\bgzip\b/.test(acceptEncoding);
    const body = gzip ? (entry.gzip ??= gzipSync(entry.body)) : entry.body;
    if (gzip) headers.push("content-encoding", "gzip");
    headers.push("content-length", String(body.length));
    response.writeHead(200, headers).end(request.method === "HEAD" ? undefined : body);
    return true;
  }

  /** The entry to answer with now: current, or (when `stale` is accepted) the previous one while a render of the current generation runs. */
  private lookup(key: string, stale: boolean): { entry: Entry; state: "hit" | "stale" } | null {
    if (!this.feed.listening) return null;
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (entry.generation === this.feed.generation) return { entry, state: "hit" };
    const flight = stale ? this.flights.get(key) : undefined;
    if (flight && Date.now() - flight.startedAt < STALE_WHILE_RENDERING_MS) return { entry, state: "stale" };
    return null;
  }

  private cacheable(rendered: Response, body: Buffer): boolean {
    if (rendered.status !== 200 || !this.feed.listening || body.length > MAX_BYTES / 16) return false;
    const headers = rendered.headers;
    return !headers.has("set-cookie") && !headers.has("x-vigil-stale") && !(headers.get("cache-control") ?? "").includes("no-store");
  }

  private store(key: string, entry: Entry): void {
    // A render of an older generation is still kept: it is the best stand-in while the next one runs.
    const previous = this.entries.get(key);
    if (previous && previous.generation > entry.generation) return;
    if (previous) this.bytes -= previous.body.length;
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.bytes += entry.body.length;
    while (this.entries.size > MAX_ENTRIES || this.bytes > MAX_BYTES) {
      const oldest = this.entries.keys().next().value as string;
      this.bytes -= this.entries.get(oldest)?.body.length ?? 0;
      this.entries.delete(oldest);
    }
  }
}

function keptHeaders(headers: Headers): [string, string][] {
  return [...headers.entries()].filter(([name]) => !TRANSFER_HEADERS.has(name));
}

/** Whether the request takes previous bytes while new ones render (HTTP's request no-cache says it does not). */
function acceptsStale(cacheControl: string | null, pragma: string | null): boolean {
  return !/\bno-cache\b/i.test(cacheControl ?? "") && !(cacheControl === null && /\bno-cache\b/i.test(pragma ?? ""));
}

function singleHeader(value: string | string[] | undefined): string | null {
  return (Array.isArray(value) ? value.join(", ") : value) ?? null;
}

/** A Response from kept bytes: 304 on a matching ETag, no body for HEAD. */
function answer(entry: Entry, state: CacheState, request: Request, status = 200): Response {
  const headers = new Headers(entry.headers);
  headers.set("x-vigil-cache", state);
  if (status === 200 && entry.etag !== null && matchesEtag(request.headers.get("if-none-match"), entry.etag)) return new Response(null, { status: 304, headers });
  return new Response(request.method === "HEAD" ? null : new Uint8Array(entry.body), { status, headers });
}

const holder = globalThis as { vigilResponseCache?: ResponseCache };

/** This process's response cache, following this process's change feed. */
export function responseCache(): ResponseCache {
  const feed = changeFeed();
  // A feed stopped and started again (tests) starts a new cache: generations begin anew.
  if (holder.vigilResponseCache?.feed !== feed) holder.vigilResponseCache = new ResponseCache(feed);
  return holder.vigilResponseCache;
}
