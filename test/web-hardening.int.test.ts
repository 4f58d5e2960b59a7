// The hardened web surface against a real `npm run web` (a production build, the proxy and the
// response cache in front): every public route's security headers, as rendered and as answered
// from the cache, and a table of hostile inputs — each answered with its own 4xx, never a 500,
// nothing logged as an error, and nothing changed in the database.
import { createHash } from "node:crypto";
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { matchPublicRoute, PUBLIC_ROUTES, type PublicRoute } from "../app/(public)/_routes/public-routes";
import { createApiKey } from "../lib/auth/api-keys";
import { CreateApiKey } from "../lib/auth/schemas";
import { startSession } from "../lib/auth/sessions";
import { db } from "../lib/db";
import { freePort } from "./postgres-server";
import { seedPublicFixture, type PublicFixture } from "./public-fixtures";
import { ctxFor } from "./verbs";
import { startWeb, waitForOk, type VigilProcess } from "./vigil-processes";

let web: VigilProcess;
let base: string;
let fixture: PublicFixture;
let sessionToken: string;
let apiKey: string;

beforeAll(async () => {
  fixture = await seedPublicFixture();
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "vigil-hardening-"));
  web = startWeb("web", process.env.DATABASE_URL!, port, { DATA_DIR: dataDir, LOG_LEVEL: "info" });
  await waitForOk(`${base}/`, web, 120_000);
  sessionToken = (await startSession({ ctx: { now: new Date(), client: { ip: "127.0.0.1", userAgent: "test" } }, input: { adminId: fixture.actor.adminId } })).token;
  apiKey = (await createApiKey({ ctx: ctxFor(fixture.actor), input: CreateApiKey.parse({ name: "hardening", scope: "write" }) })).token;
}, 600_000);

afterAll(async () => {
  await web?.stop(5_000);
});

/** A concrete address for a route of the table: its pattern with each named group filled in. */
function addressOf(route: PublicRoute): string {
  const values: Record<string, string> = {
    id: route.path.source.includes("components") ? Object.values(fixture.componentIds)[0]! : fixture.resolvedId,
    rest: "status.svg",
    token: "not-a-real-token",
    // No logo is stored: the route answers its 404, with the same headers.
    sha256: "0".repeat(64),
  };
  return route.path.source
    .replace(/^\^|\$$/g, "")
    .replace(/\(\?<(\w+)>[^)]*\)/g, (_, name: string) => encodeURIComponent(values[name]!))
    .replace(/\\(.)/g, "$1");
}

function sha256(text: string): string {
  return `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
}

describe("security headers on every public route", () => {
  it("each route of the one table answers with a CSP, nosniff, a referrer policy and no framing — rendered and from the cache", async () => {
    for (const route of PUBLIC_ROUTES) {
      const address = addressOf(route);
      expect(matchPublicRoute(address)?.route, address).toBe(route);
      // Twice: a shared route's second answer comes from the response cache, written without Next.
      for (const round of ["first", "second"]) {
        const response = await fetch(`${base}${address}`);
        const where = `${address} (${round}, ${response.headers.get("x-vigil-cache") ?? "rendered"})`;
        expect(response.status, where).toBeLessThan(500);
        if (round === "second" && route.cache !== "none" && response.status === 200) expect(response.headers.get("x-vigil-cache"), where).toMatch(/^(hit|stale)$/);
        const csp = response.headers.get("content-security-policy") ?? "";
        // The status widget exists to be framed by other sites; it runs no script at all.
        const widget = address === "/embed";
        expect(csp, where).toContain("default-src 'none'");
        expect(csp, where).toContain(widget ? "frame-ancestors *" : "frame-ancestors 'none'");
        expect(csp, where).not.toContain("unsafe-inline");
        expect(response.headers.get("x-content-type-options"), where).toBe("nosniff");
        expect(response.headers.get("referrer-policy"), where).toBe("strict-origin-when-cross-origin");
        expect(response.headers.get("x-frame-options"), where).toBe(widget ? null : "DENY");
        const type = response.headers.get("content-type") ?? "";
        const body = await response.text();
        if (widget) {
          expect(body, where).not.toContain("<script");
          expect(csp, where).not.toContain("script-src");
          expect(csp, where).toContain(`style-src ${sha256(/<style>([\s\S]*?)<\/style>/.exec(body)![1]!)}`);
        } else if (type.startsWith("text/html")) {
          // The page's own inline script and stylesheet are exactly what the policy's hashes allow.
          const script = /<script>([\s\S]*?)<\/script>/.exec(body)?.[1];
          const style = /<style>([\s\S]*?)<\/style>/.exec(body)?.[1];
          expect(script, where).toBeDefined();
          expect(csp, where).toContain(`script-src ${sha256(script!)}`);
          expect(csp, where).toContain(`style-src ${sha256(style!)}`);
        } else {
          expect(csp, where).not.toContain("script-src");
          expect(csp, where).toContain("sandbox");
        }
        if (type.startsWith("image/svg+xml")) expect(body, where).toContain("<svg");
      }
    }
    // The request log has the subscription page's address without its manage token. The line
    // comes through the child's stdout after the response: on a loaded machine, a moment later.
    await expect.poll(() => web.output()).toContain('"path":"/subscription/:token"');
    expect(web.output()).not.toContain("not-a-real-token");
  });
});

describe("security headers on Vigil's own endpoints", () => {
  it("health, live, metrics, the subscription API and the admin API answer with a policy that runs and frames nothing", async () => {
    const endpoints = ["/api/health", "/api/live", "/metrics", "/api/subscriptions", "/api/subscriptions/not-a-token", "/api/admin/components"];
    for (const endpoint of endpoints) {
      const abort = new AbortController();
      // /api/live is an event stream that never ends: its headers are all this needs.
      const response = await fetch(`${base}${endpoint}`, { signal: abort.signal });
      abort.abort();
      // No worker runs here, so /api/health says 503, as it should; no endpoint fails.
      expect(response.status, endpoint).not.toBe(500);
      const csp = response.headers.get("content-security-policy") ?? "";
      expect(csp, endpoint).toContain("default-src 'none'");
      expect(csp, endpoint).toContain("sandbox");
      expect(csp, endpoint).toContain("frame-ancestors 'none'");
      expect(response.headers.get("x-content-type-options"), endpoint).toBe("nosniff");
    }
  });
});

/** Row counts of what a hostile request could change. */
async function databaseState() {
  return {
    incidents: await db().incident.count(),
    updates: await db().incidentUpdate.count(),
    components: await db().component.count(),
    monitors: await db().monitor.count(),
    subscribers: await db().subscriber.count(),
    audit: await db().auditLog.count(),
  };
}

type BadInput = { what: string; path: string; init?: RequestInit; status: number; code?: string; field?: string };

const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/json", ...headers },
  body: JSON.stringify(body),
});

describe("bad input gets its 4xx, never a 500, and changes nothing", () => {
  it("answers each hostile request with its status code and field", async () => {
    const origin = base;
    const bearer = () => ({ authorization: `Bearer ${apiKey}` });
    const cookie = () => ({ cookie: `vigil_session=${sessionToken}` });
    const action = (headers: Record<string, string>, body = "[]"): RequestInit => ({
      method: "POST",
      headers: { "next-action": "7f0000000000000000000000000000000000000000", "content-type": "text/plain;charset=UTF-8", ...cookie(), ...headers },
      body,
    });
    const incident = { name: "Database down", impact: "major", body: "Investigating." };
    const componentId = Object.values(fixture.componentIds)[0]!;
    const table: BadInput[] = [
      { what: "server action from another site", path: "/admin/incidents", init: action({ origin: "https://evil.example" }), status: 403, code: "foreign_origin" },
      { what: "server action with the https origin of the http site", path: "/admin/incidents", init: action({ origin: origin.replace("http:", "https:") }), status: 403, code: "foreign_origin" },
      { what: "server action without an Origin", path: "/admin", init: action({}), status: 403, code: "foreign_origin" },
      { what: "server action over 1 MB", path: "/admin/incidents", init: action({ origin }, "x".repeat(1024 * 1024 + 10)), status: 413, code: "payload_too_large" },
      { what: "NUL in an incident name (API)", path: "/api/admin/incidents", init: json({ ...incident, name: "down\u0000" }, bearer()), status: 400, code: "invalid_characters", field: "name" },
      { what: "NUL in an update body (API)", path: "/api/admin/incidents", init: json({ ...incident, body: "a\u0000b" }, bearer()), status: 400, code: "invalid_characters", field: "body" },
      { what: "NUL in a component id (API)", path: "/api/admin/incidents", init: json({ ...incident, components: [{ componentId: "x\u0000", status: "major_outage" }] }, bearer()), status: 400, code: "invalid_characters", field: "components.0.componentId" },
      { what: "escape character in a component description (API)", path: "/api/admin/components", init: json({ name: "Mail", description: "\u001b[31m" }, bearer()), status: 400, code: "invalid_characters", field: "description" },
      { what: "lone surrogate in a monitor name (API)", path: "/api/admin/monitors", init: { ...json({}, bearer()), body: '{"name":"a\\ud800","kind":"tcp","target":"127.0.0.1:9"}' }, status: 400, code: "invalid_characters", field: "name" },
      { what: "right-to-left override in an incident name (API)", path: "/api/admin/incidents", init: json({ ...incident, name: "Payments \u202eetadpu" }, bearer()), status: 422, code: "invalid_input", field: "name" },
      { what: "newline in a component name (API)", path: "/api/admin/components", init: json({ name: "two\nlines" }, bearer()), status: 422, code: "invalid_input", field: "name" },
      { what: "API write with the https origin of the http site", path: "/api/admin/incidents", init: json(incident, { ...bearer(), origin: origin.replace("http:", "https:") }), status: 403, code: "foreign_origin" },
      { what: "JSON body over 10 MB (admin API)", path: "/api/admin/incidents", init: json({ ...incident, body: "x".repeat(11 * 1024 * 1024) }, bearer()), status: 413, code: "payload_too_large" },
      { what: "JSON body over 10 MB (subscriptions)", path: "/api/subscriptions", init: json({ email: "a@example.com", componentIds: ["x".repeat(11 * 1024 * 1024)] }), status: 413, code: "payload_too_large" },
      { what: "form over the limit (subscriptions)", path: "/api/subscriptions", init: { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: `email=a%40example.com&component=${"x".repeat(200_000)}` }, status: 413, code: "payload_too_large" },
      { what: "NUL in a JSON subscription's component ids", path: "/api/subscriptions", init: json({ email: "a@example.com", componentIds: [`${componentId}\u0000`] }), status: 400, code: "invalid_characters", field: "componentIds.0" },
      { what: "NUL in the audit log's actor filter", path: "/admin/audit?actor=%00", init: { headers: cookie() }, status: 400, code: "invalid_characters", field: "actor" },
      { what: "NUL in a public address", path: "/incidents/%00", status: 400, code: "invalid_characters", field: "path" },
    ];
    const before = await databaseState();
    const logStart = web.output().length;
    for (const input of table) {
      const response = await fetch(`${base}${input.path}`, { redirect: "manual", ...input.init });
      const text = await response.text();
      expect(`${response.status} ${text.slice(0, 300)}`, input.what).toMatch(new RegExp(`^${input.status} `));
      const body = JSON.parse(text) as { error: { code: string; fieldErrors?: Record<string, string[]> } };
      if (input.code) expect(body.error.code, input.what).toBe(input.code);
      if (input.field) expect(Object.keys(body.error.fieldErrors ?? {}), input.what).toContain(input.field);
    }
    expect(await databaseState()).toEqual(before);
    // Each was logged as a request with its 4xx, and nothing a client sent is logged as a server error.
    const log = web.output().slice(logStart).split("\n");
    expect(log.filter((line) => line.includes('"msg":"request"') && /"status":4\d\d/.test(line)).length).toBeGreaterThanOrEqual(table.length);
    expect(log.filter((line) => /"level":"(error|fatal)"|⨯|Error:/.test(line))).toEqual([]);
  });
});
