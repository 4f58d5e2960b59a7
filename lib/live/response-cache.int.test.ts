// The response cache in front of a real HTTP handler, following a real change feed (LISTEN on the
// test database): repeated GETs of public paths are answered from memory (handler not called),
// with 304 for a matching ETag; a NOTIFY empties it; errors, no-store, stale and private paths are
// never cached.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { etagOf } from "../http/public-response";
import { changeFeed, stopChangeFeed } from "./change-feed";
import { ResponseCache } from "./response-cache";

let server: http.Server;
let base: string;
const calls = new Map<string, number>();
let version = 1;

beforeAll(async () => {
  expect(await changeFeed().ready()).toBe(true);
  const cache = new ResponseCache(changeFeed());
  server = http.createServer((request, response) => cache.handle(request, response, () => render(request, response)));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

function render(request: http.IncomingMessage, response: http.ServerResponse) {
  const path = request.url ?? "/";
  calls.set(path, (calls.get(path) ?? 0) + 1);
  const body = `body of ${path} v${version}`;
  if (path === "/history") return void response.writeHead(500).end("boom");
  const headers: Record<string, string> = { "content-type": "text/plain", etag: etagOf(body), "cache-control": "public, s-maxage=10" };
  if (path === "/uptime") headers["cache-control"] = "no-store";
  if (path === "/api/v2/status.json") headers["x-vigil-stale"] = "1";
  response.writeHead(200, headers);
  // A render takes a while: concurrent requests for the same key must wait for this one. The
  // gated path's render ends only when the test opens the gate.
  void (path === "/incidents/gated" ? gate.promise : new Promise((resolve) => setTimeout(resolve, 50))).then(() => {
    response.write(body.slice(0, 5));
    response.end(body.slice(5));
  });
}

function openableGate() {
  let open = () => {};
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, resolve: open };
}
let gate = openableGate();

async function changeSomething(): Promise<void> {
  const before = changeFeed().generation;
  await db().page.upsert({ where: { id: "page" }, create: { id: "page", name: `Changed ${before}` }, update: { name: `Changed ${before}` } });
  await expect.poll(() => changeFeed().generation, { timeout: 5_000 }).toBeGreaterThan(before);
}

afterAll(async () => {
  server.close();
  await stopChangeFeed();
});

describe("ResponseCache", () => {
  it("answers repeated GETs from memory, 304 on a matching ETag, and empties on a change", async () => {
    const first = await fetch(`${base}/`);
    expect(await first.text()).toBe("body of / v1");
    const second = await fetch(`${base}/`);
    expect(second.headers.get("x-vigil-cache")).toBe("hit");
    expect(await second.text()).toBe("body of / v1");
    expect(calls.get("/")).toBe(1);
    const conditional = await fetch(`${base}/`, { headers: { "If-None-Match": first.headers.get("etag")! } });
    expect(conditional.status).toBe(304);
    expect(calls.get("/")).toBe(1);

    version = 2;
    await db().page.upsert({ where: { id: "page" }, create: { id: "page", name: "Changed" }, update: { name: "Changed" } });
    await expect.poll(async () => (await fetch(`${base}/`)).text(), { timeout: 5_000 }).toBe("body of / v2");
    expect(calls.get("/")).toBe(2);
  });

  it("concurrent misses of one key cost one render; the others get its bytes", async () => {
    const bodies = await Promise.all(Array.from({ length: 20 }, () => fetch(`${base}/incidents/abc`).then((r) => r.text())));
    expect(new Set(bodies)).toEqual(new Set([`body of /incidents/abc v${version}`]));
    expect(calls.get("/incidents/abc")).toBe(1);
  });

  it("after a change, one request renders the new bytes while the others get the previous ones at once", async () => {
    gate.resolve();
    const path = `${base}/incidents/gated`;
    expect(await (await fetch(path)).text()).toBe(`body of /incidents/gated v${version}`);
    const old = version;
    version += 1;
    await changeSomething();

    gate = openableGate();
    const rendering = fetch(path);
    await expect.poll(() => calls.get("/incidents/gated")).toBe(2);
    const meanwhile = await Promise.all([fetch(path), fetch(path)]);
    for (const response of meanwhile) {
      expect(response.headers.get("x-vigil-cache")).toBe("stale");
      expect(await response.text()).toBe(`body of /incidents/gated v${old}`);
    }
    gate.resolve();
    const rendered = await rendering;
    expect(rendered.headers.get("x-vigil-cache")).toBeNull();
    expect(await rendered.text()).toBe(`body of /incidents/gated v${version}`);
    const after = await fetch(path);
    expect(after.headers.get("x-vigil-cache")).toBe("hit");
    expect(await after.text()).toBe(`body of /incidents/gated v${version}`);
    expect(calls.get("/incidents/gated")).toBe(2);
  });

  it("never caches errors, no-store or stale responses, or paths outside the public surface", async () => {
    for (const path of ["/history", "/uptime", "/api/v2/status.json", "/admin", "/api/health", "/api/live"]) {
      await fetch(`${base}${path}`);
      const again = await fetch(`${base}${path}`);
      expect(again.headers.get("x-vigil-cache"), path).toBeNull();
      expect(calls.get(path), path).toBe(2);
    }
  });

  it("keeps identity and gzip variants apart, and ignores Next's RSC requests", async () => {
    await fetch(`${base}/badge/status.svg`, { headers: { "Accept-Encoding": "identity" } });
    const gzip = await fetch(`${base}/badge/status.svg`, { headers: { "Accept-Encoding": "gzip" } });
    expect(gzip.headers.get("x-vigil-cache")).toBeNull();
    expect(calls.get("/badge/status.svg")).toBe(2);
    const rsc = await fetch(`${base}/badge/status.svg`, { headers: { "Accept-Encoding": "identity", RSC: "1" } });
    expect(rsc.headers.get("x-vigil-cache")).toBeNull();
    expect(calls.get("/badge/status.svg")).toBe(3);
  });
});
