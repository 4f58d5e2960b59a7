// A cache of rendered response bytes in front of Next, for the public surface only: the custom
// server (scripts/web.ts) answers a repeated GET of a public page, API document, feed or badge from
// memory — no React, no route handler, no database — until the change feed's generation moves
// (a NOTIFY, a scheduled refresh, the safety max age). ETag/If-None-Match gives 304s from here too.
// Entries are trusted only while the feed listens: with the database down (or no LISTEN), every
// request goes to Next, whose view cache serves the last good snapshot with the stale notice.
//
// Right after a change, one request renders the new bytes and waits for them; everyone who asks
// while that render runs gets the previous bytes at once (stale-while-revalidate, as a CDN would).
// Without this, an outage that flips many monitors — a burst of NOTIFYs, each a new generation —
// makes every visitor wait behind renders of a page that changes faster than it renders.
// Not `server-only`: scripts/web.ts runs without the react-server condition.
import type { IncomingMessage, ServerResponse } from "node:http";
import { matchesEtag } from "../http/public-response";
import type { ChangeFeed } from "./change-feed";

/** What may be cached: public, identical for every visitor, never personalised. */
const CACHEABLE_PATH = /^\/(?:|history|uptime|history\.atom|history\.rss|incidents\/[A-Za-z0-9_-]{1,64}|api\/v2\/[a-z0-9/._-]+\.json|badge\/[^?#]+\.(?:svg|json))$/i;
const DROPPED_HEADERS = new Set(["date", "connection", "keep-alive", "transfer-encoding", "content-length"]);
const MAX_ENTRIES = 1_000;
const MAX_BYTES = 64 * 1024 * 1024;
/** Previous bytes stand in for a render only this long: a render that hangs must not pin them. */
const STALE_WHILE_RENDERING_MS = 10_000;

type Entry = { generation: number; status: number; headers: Record<string, string | string[]>; body: Buffer; etag: string | null };

export class ResponseCache {
  private readonly entries = new Map<string, Entry>();
  /** Keys being rendered now, with the requests waiting for them. */
  private readonly rendering = new Map<string, { generation: number; startedAt: number; waiters: (() => void)[] }>();
  private bytes = 0;

  constructor(private readonly feed: ChangeFeed) {}

  /**
   * Answers from the cache, or passes the request to `render` (Next) and keeps what it sends.
   * Requests for a key that is being rendered wait for that render instead of starting their own:
   * right after a change, the visitors who all arrive at once cost one render, not one each.
   */
  handle(request: IncomingMessage, response: ServerResponse, render: () => void): void {
    const key = this.keyOf(request);
    if (!key) return render();
    const entry = this.current(key);
    if (entry) return this.serve(entry, request, response, "hit");
    if (!this.feed.listening) return render();
    const waiting = this.rendering.get(key);
    const previous = this.entries.get(key);
    if (waiting && previous && Date.now() - waiting.startedAt < STALE_WHILE_RENDERING_MS) return this.serve(previous, request, response, "stale");
    if (waiting && waiting.generation === this.feed.generation) {
      waiting.waiters.push(() => {
        const fresh = this.current(key);
        if (fresh) this.serve(fresh, request, response, "hit");
        else render();
      });
      return;
    }
    if (request.method !== "GET") return render();
    const flight = { generation: this.feed.generation, startedAt: Date.now(), waiters: [] as (() => void)[] };
    this.rendering.set(key, flight);
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      if (this.rendering.get(key) === flight) this.rendering.delete(key);
      for (const waiter of flight.waiters) waiter();
    };
    this.capture(key, response, flight.generation, finish);
    // A render whose client went away may never end: the waiters must not wait for it forever.
    response.once("close", finish);
    render();
  }

  private current(key: string): Entry | null {
    const entry = this.entries.get(key);
    return entry && this.feed.listening && entry.generation === this.feed.generation ? entry : null;
  }

  private serve(entry: Entry, request: IncomingMessage, response: ServerResponse, kind: "hit" | "stale"): void {
    const notModified = entry.etag !== null && matchesEtag(request.headers["if-none-match"] ?? null, entry.etag);
    const headers = { ...entry.headers, "x-vigil-cache": kind };
    response.writeHead(notModified ? 304 : entry.status, notModified ? headers : { ...headers, "content-length": String(entry.body.length) });
    response.end(notModified || request.method === "HEAD" ? undefined : entry.body);
  }

  private keyOf(request: IncomingMessage): string | null {
    if (request.method !== "GET" && request.method !== "HEAD") return null;
    // Next's client router asks for RSC payloads of the same paths: never mix those up.
    if (request.headers.rsc || request.headers["next-router-prefetch"] || request.headers["next-router-state-tree"]) return null;
    const url = request.url ?? "/";
    const path = url.split("?")[0] ?? "/";
    if (!CACHEABLE_PATH.test(path)) return null;
    const gzip = /\bgzip\b/.test(String(request.headers["accept-encoding"] ?? ""));
    return `${gzip ? "gz" : "id"} ${url}`;
  }

  private capture(key: string, response: ServerResponse, generation: number, done: () => void): void {
    const chunks: Buffer[] = [];
    // Headers given to writeHead() directly never reach getHeaders(): keep them too.
    const written: Record<string, string | string[]> = {};
    const writeHead = response.writeHead.bind(response) as (...args: unknown[]) => ServerResponse;
    response.writeHead = ((...args: unknown[]) => {
      const headers = args.find((arg, i) => i > 0 && typeof arg === "object" && arg !== null);
      if (Array.isArray(headers)) {
        for (let i = 0; i + 1 < headers.length; i += 2) written[String(headers[i]).toLowerCase()] = String(headers[i + 1]);
      } else if (headers) {
        for (const [name, value] of Object.entries(headers)) if (value !== undefined) written[name.toLowerCase()] = Array.isArray(value) ? value.map(String) : String(value);
      }
      return writeHead(...args);
    }) as ServerResponse["writeHead"];
    const write = response.write.bind(response) as (...args: unknown[]) => boolean;
    const end = response.end.bind(response) as (...args: unknown[]) => ServerResponse;
    const collect = (chunk: unknown, encoding: unknown) => {
      if (chunk === undefined || chunk === null || typeof chunk === "function") return;
      chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8"));
    };
    response.write = ((...args: unknown[]) => {
      collect(args[0], args[1]);
      return write(...args);
    }) as ServerResponse["write"];
    response.end = ((...args: unknown[]) => {
      collect(args[0], args[1]);
      const result = end(...args);
      this.store(key, response, chunks, generation, written);
      done();
      return result;
    }) as ServerResponse["end"];
  }

  private store(key: string, response: ServerResponse, chunks: Buffer[], generation: number, written: Record<string, string | string[]>): void {
    const raw = { ...response.getHeaders(), ...written };
    // A render of an older generation is still kept: it is the best stand-in while the next one runs.
    if (response.statusCode !== 200 || !this.feed.listening) return;
    if (raw["set-cookie"] || String(raw["cache-control"] ?? "").includes("no-store") || raw["x-vigil-stale"]) return;
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(raw)) {
      if (value === undefined || DROPPED_HEADERS.has(name)) continue;
      headers[name] = Array.isArray(value) ? value : String(value);
    }
    const body = Buffer.concat(chunks);
    if (body.length > MAX_BYTES / 16) return;
    const previous = this.entries.get(key);
    if (previous && previous.generation > generation) return;
    if (previous) this.bytes -= previous.body.length;
    this.entries.delete(key);
    this.entries.set(key, { generation, status: 200, headers, body, etag: typeof raw.etag === "string" ? raw.etag : null });
    this.bytes += body.length;
    while (this.entries.size > MAX_ENTRIES || this.bytes > MAX_BYTES) {
      const oldest = this.entries.keys().next().value as string;
      this.bytes -= this.entries.get(oldest)?.body.length ?? 0;
      this.entries.delete(oldest);
    }
  }
}
