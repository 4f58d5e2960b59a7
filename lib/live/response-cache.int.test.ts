// The response cache following a real change feed (LISTEN on the test database): repeated GETs
// are answered from kept bytes (render not called), with 304 for a matching ETag and no body for
// HEAD; a NOTIFY empties it; while the new bytes render others get the previous ones, except a request
// that refuses cached answers; errors, no-store and stale responses are never kept; the custom
// server's door writes kept bytes (gzipped when asked) and passes on what it never kept.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { etagOf } from "../http/public-response";
import { changeFeed, stopChangeFeed } from "./change-feed";
import { cacheKey, localizedCacheKey, ResponseCache } from "./response-cache";

let cache: ResponseCache;
const calls = new Map<string, number>();
let version = 1;

beforeAll(async () => {
  expect(await changeFeed().ready()).toBe(true);
  cache = new ResponseCache(changeFeed());
});

afterAll(() => stopChangeFeed());

function openableGate() {
  let open = () => {};
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, resolve: open };
}
let gate = openableGate();

/** A stand-in route: counts its renders; a few paths answer what must never be kept. */
async function render(request: Request): Promise<Response> {
  const path = cacheKey(request.url);
  calls.set(path, (calls.get(path) ?? 0) + 1);
  const body = `body of ${path} v${version}`;
  if (path === "/error") return new Response("boom", { status: 500 });
  const headers: Record<string, string> = { "content-type": "text/plain", etag: etagOf(body), "cache-control": "public, s-maxage=10" };
  if (path === "/no-store") headers["cache-control"] = "no-store";
  if (path === "/stale") headers["x-vigil-stale"] = "1";
  // A render takes a while: concurrent requests for the same key must wait for this one.
  await (path === "/gated" ? gate.promise : new Promise((resolve) => setTimeout(resolve, 50)));
  return new Response(body, { status: 200, headers });
}

const get = (path: string, init: RequestInit = {}) => {
  const request = new Request(`http://127.0.0.1${path}`, init);
  return cache.respond(cacheKey(request.url), request, render);
};

/** Runs `exercise` against a node:http server whose only door is the cache's serveNode; returns the paths it passed on. */
async function withNodeDoor(exercise: (base: string) => Promise<void>): Promise<string[]> {
  const passedOn: string[] = [];
  const server = http.createServer((request, response) => {
    if (cache.serveNode(request, response)) return;
    passedOn.push(request.url ?? "");
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    await exercise(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    server.close();
  }
  return passedOn;
}

async function changeSomething(): Promise<void> {
  const before = changeFeed().generation;
  await db().page.upsert({ where: { id: "page" }, create: { id: "page", name: `Changed ${before}` }, update: { name: `Changed ${before}` } });
  await expect.poll(() => changeFeed().generation, { timeout: 5_000 }).toBeGreaterThan(before);
}

describe("ResponseCache", () => {
  it("answers repeated GETs from kept bytes, 304 on a matching ETag, HEAD without a body, and empties on a change", async () => {
    const first = await get("/");
    expect(first.headers.get("x-vigil-cache")).toBe("miss");
    expect(await first.text()).toBe("body of / v1");
    const second = await get("/");
    expect(second.headers.get("x-vigil-cache")).toBe("hit");
    expect(await second.text()).toBe("body of / v1");
    expect(calls.get("/")).toBe(1);
    const conditional = await get("/", { headers: { "If-None-Match": first.headers.get("etag")! } });
    expect(conditional.status).toBe(304);
    const head = await get("/", { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
    expect(calls.get("/")).toBe(1);

    version = 2;
    await changeSomething();
    expect(await (await get("/")).text()).toBe("body of / v2");
    expect(calls.get("/")).toBe(2);
  });

  it("the query is part of the key", async () => {
    expect(await (await get("/history?page=2")).text()).toBe(`body of /history?page=2 v${version}`);
    expect(await (await get("/history")).text()).toBe(`body of /history v${version}`);
  });

  it("concurrent misses of one key cost one render; the others get its bytes", async () => {
    const bodies = await Promise.all(Array.from({ length: 20 }, () => get("/incidents/abc").then((r) => r.text())));
    expect(new Set(bodies)).toEqual(new Set([`body of /incidents/abc v${version}`]));
    expect(calls.get("/incidents/abc")).toBe(1);
  });

  it("after a change, one request renders the new bytes while the others get the previous ones at once", async () => {
    gate.resolve();
    expect(await (await get("/gated")).text()).toBe(`body of /gated v${version}`);
    const old = version;
    version += 1;
    await changeSomething();

    gate = openableGate();
    const rendering = get("/gated");
    await expect.poll(() => calls.get("/gated")).toBe(2);
    const meanwhile = await Promise.all([get("/gated"), get("/gated")]);
    for (const response of meanwhile) {
      expect(response.headers.get("x-vigil-cache")).toBe("stale");
      expect(await response.text()).toBe(`body of /gated v${old}`);
    }
    // A request that refuses cached answers (the live page's refetch after a change) waits for the
    // new bytes instead, at both doors: the custom server's passes it on to the route.
    let insistingDone = false;
    const insisting = get("/gated", { headers: { "Cache-Control": "no-cache" } }).finally(() => (insistingDone = true));
    const passedOn = await withNodeDoor(async (base) => {
      expect((await fetch(`${base}/gated`, { headers: { Pragma: "no-cache" } })).status).toBe(404);
      expect(await (await fetch(`${base}/gated`)).text()).toBe(`body of /gated v${old}`);
    });
    expect(passedOn).toEqual(["/gated"]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(insistingDone).toBe(false);
    gate.resolve();
    const rendered = await rendering;
    expect(rendered.headers.get("x-vigil-cache")).toBe("miss");
    expect(await rendered.text()).toBe(`body of /gated v${version}`);
    expect(await (await insisting).text()).toBe(`body of /gated v${version}`);
    const after = await get("/gated");
    expect(after.headers.get("x-vigil-cache")).toBe("hit");
    expect(calls.get("/gated")).toBe(2);
  });

  it("never keeps errors, no-store or stale responses", async () => {
    for (const path of ["/error", "/no-store", "/stale"]) {
      await get(path);
      const again = await get(path);
      expect(again.headers.get("x-vigil-cache"), path).toBe("miss");
      expect(calls.get(path), path).toBe(2);
    }
    expect((await get("/error")).status).toBe(500);
  });

  it("the custom server's door: kept bytes written without Next (gzip when accepted); anything never kept is passed on", async () => {
    await get("/badge/status.svg");
    const passedOn = await withNodeDoor(async (base) => {
      const plain = await fetch(`${base}/badge/status.svg`, { headers: { "Accept-Encoding": "identity" } });
      expect(plain.headers.get("x-vigil-cache")).toBe("hit");
      expect(plain.headers.get("content-type")).toBe("text/plain");
      expect(await plain.text()).toBe(`body of /badge/status.svg v${version}`);
      const zipped = await new Promise<{ encoding: string | undefined; body: Buffer }>((resolve, reject) => {
        http.get(`${base}/badge/status.svg`, { headers: { "Accept-Encoding": "gzip" } }, (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () => resolve({ encoding: response.headers["content-encoding"], body: Buffer.concat(chunks) }));
        }).on("error", reject);
      });
      expect(zipped.encoding).toBe("gzip");
      expect(gunzipSync(zipped.body).toString()).toBe(`body of /badge/status.svg v${version}`);
      const conditional = await fetch(`${base}/badge/status.svg`, { headers: { "If-None-Match": plain.headers.get("etag")! } });
      expect(conditional.status).toBe(304);
      for (const path of ["/admin", "/api/health", "/no-store"]) expect((await fetch(`${base}${path}`)).status).toBe(404);
      expect((await fetch(`${base}/badge/status.svg`, { method: "POST" })).status).toBe(404);
    });
    expect(passedOn).toEqual(["/admin", "/api/health", "/no-store", "/badge/status.svg"]);
  });

  it("keeps a page once per language its visitors' Accept-Language picks, at both doors", async () => {
    const rendersOf = new Map<string, number>();
    // A stand-in page: its language is what reached the render.
    const page = async (request: Request) => {
      const language = request.headers.get("accept-language") ?? "none";
      rendersOf.set(language, (rendersOf.get(language) ?? 0) + 1);
      return new Response(`page in ${language}`, { status: 200, headers: { "content-type": "text/html", "cache-control": "public, s-maxage=10" } });
    };
    const ask = (acceptLanguage?: string) => {
      const request = new Request("http://127.0.0.1/localized", { headers: acceptLanguage ? { "accept-language": acceptLanguage } : {} });
      return cache.respond(localizedCacheKey(request.url, request.headers.get("accept-language")), request, page);
    };
    expect(localizedCacheKey("http://x/localized?lang=de", "de-AT,de;q=0.9")).toBe("/localized?lang=de#de");
    expect(localizedCacheKey("http://x/localized", "fr")).toBe("/localized#");

    expect(await (await ask("de-DE")).text()).toBe("page in de-DE");
    const german = await ask("de;q=0.8, fr");
    expect(german.headers.get("x-vigil-cache")).toBe("hit");
    expect(await german.text()).toBe("page in de-DE");
    expect(await (await ask()).text()).toBe("page in none");
    expect(await (await ask("fr")).text()).toBe("page in none");
    expect(await (await ask("es")).text()).toBe("page in es");
    expect([...rendersOf.values()]).toEqual([1, 1, 1]);

    await withNodeDoor(async (base) => {
      const served = async (acceptLanguage: string) => (await fetch(`${base}/localized`, { headers: { "Accept-Language": acceptLanguage } })).text();
      expect(await served("de")).toBe("page in de-DE");
      expect(await served("es-ES,en;q=0.5")).toBe("page in es");
      expect(await served("it")).toBe("page in none");
    });
  });
});
