// Every admin API endpoint, called as automation would: refused with no key, an unknown, revoked or
// orphaned key, a read key where writing, a foreign or `null` Origin, or only an
// x-middleware-subrequest header — the database unchanged each time — and working, audited, with
// a write key. Read keys read.
import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createApiKey, revokeApiKey } from "@/lib/auth/api-keys";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { createIncident } from "@/lib/incidents/create-incident";
import { CreateApiKey, RevokeApiKey } from "@/lib/auth/schemas";
import { JSON_BODY_LIMIT_BYTES } from "@/lib/http/request-body";
import { CreateIncident } from "@/lib/incidents/schemas";
import { scheduleMaintenance } from "@/lib/maintenance/schedule-maintenance";
import { ScheduleMaintenance } from "@/lib/maintenance/schemas";
import { parsedVerb } from "@/test/verbs";
import * as componentRoute from "./components/[id]/route";
import * as componentsRoute from "./components/route";
import * as incidentRoute from "./incidents/[id]/route";
import * as reopenRoute from "./incidents/[id]/reopen/route";
import * as postmortemRoute from "./incidents/[id]/postmortem/route";
import * as incidentUpdatesRoute from "./incidents/[id]/updates/route";
import * as incidentsRoute from "./incidents/route";
import * as maintenanceUpdatesRoute from "./maintenance/[id]/updates/route";
import * as maintenanceWindowRoute from "./maintenance/[id]/route";
import * as cancelRoute from "./maintenance/[id]/cancel/route";
import * as maintenanceRoute from "./maintenance/route";
import * as monitorRoute from "./monitors/[id]/route";
import * as runRoute from "./monitors/[id]/run/route";
import * as monitorsRoute from "./monitors/route";
import * as openapiRoute from "./openapi.json/route";
import * as updateRoute from "./updates/[id]/route";
import * as pageRoute from "./page/route";
import * as pageLogoRoute from "./page/logo/route";
import { solidPng } from "@/test/fixtures/png";

const verbs = {
  createIncident: parsedVerb(createIncident, CreateIncident),
  scheduleMaintenance: parsedVerb(scheduleMaintenance, ScheduleMaintenance),
  createApiKey: parsedVerb(createApiKey, CreateApiKey),
  revokeApiKey: parsedVerb(revokeApiKey, RevokeApiKey),
};

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
type Endpoint = { name: string; handler: Handler; method: string; path: string; params?: (f: Fixtures) => Record<string, string>; body?: (f: Fixtures) => unknown };

let owner: Actor;
let keys: { read: string; write: string; revoked: string; orphaned: string };

async function admin(role: Actor["role"]): Promise<Actor> {
  const created = await db().adminUser.create({ data: { email: `${role}-${crypto.randomUUID()}@example.fm`, passwordHash: "x", role } });
  return { adminId: created.id, email: created.email, role, ip: null };
}

async function fixtures() {
  const tag = crypto.randomUUID().slice(0, 8);
  const component = await db().component.create({ data: { name: `Component ${tag}` } });
  const monitor = await db().monitor.create({ data: { name: `Monitor ${tag}`, kind: "tcp", target: "127.0.0.1:9", componentId: component.id } });
  const incident = await verbs.createIncident({ name: `Incident ${tag}`, body: "First.", components: [{ componentId: component.id, status: "degraded_performance" }] }, owner);
  const extra = await db().incidentUpdate.create({ data: { incidentId: incident.id, status: "identified", body: "Second." } });
  const resolved = await verbs.createIncident({ name: `Resolved ${tag}`, body: "Over.", status: "resolved" }, owner);
  const maintenance = await verbs.scheduleMaintenance({ name: `Window ${tag}`, body: "Planned.", componentIds: [component.id], scheduledFor: "2031-01-01T00:00:00Z", scheduledUntil: "2031-01-01T01:00:00Z" }, owner, new Date("2030-12-01T00:00:00Z"));
  // A logo to remove, whichever logo test ran before.
  const logo = solidPng(1, 1, [0, 0, 0]);
  const sha256 = createHash("sha256").update(logo).digest("hex");
  await db().pageLogo.upsert({ where: { sha256 }, create: { sha256, contentType: "image/png", bytes: logo }, update: {} });
  await db().page.upsert({ where: { id: "page" }, create: { id: "page", name: "API page", logoSha256: sha256 }, update: { logoSha256: sha256 } });
  return { component, monitor, incident, updateId: extra.id, resolved, maintenance };
}

/** A multipart form with a logo file, as `curl -F logo=@logo.png` sends. */
function logoForm(): FormData {
  const form = new FormData();
  form.append("logo", new File([solidPng(3, 1, [130, 80, 223])], "logo.png", { type: "image/png" }));
  return form;
}
type Fixtures = Awaited<ReturnType<typeof fixtures>>;

const reads: Endpoint[] = [
  { name: "GET /incidents", handler: incidentsRoute.GET, method: "GET", path: "/incidents" },
  { name: "GET /incidents/{id}", handler: incidentRoute.GET, method: "GET", path: "/incidents/x", params: (f) => ({ id: f.incident.id }) },
  { name: "GET /components", handler: componentsRoute.GET, method: "GET", path: "/components" },
  { name: "GET /monitors", handler: monitorsRoute.GET, method: "GET", path: "/monitors" },
  { name: "GET /monitors/{id}", handler: monitorRoute.GET, method: "GET", path: "/monitors/x", params: (f) => ({ id: f.monitor.id }) },
  { name: "GET /maintenance", handler: maintenanceRoute.GET, method: "GET", path: "/maintenance" },
  { name: "GET /page", handler: pageRoute.GET, method: "GET", path: "/page" },
];

const writes: Endpoint[] = [
  { name: "POST /incidents", handler: incidentsRoute.POST, method: "POST", path: "/incidents", body: (f) => ({ name: "API incident", body: "Broken.", components: [{ componentId: f.component.id, status: "major_outage" }] }) },
  { name: "POST /incidents/{id}/updates", handler: incidentUpdatesRoute.POST, method: "POST", path: "/incidents/x/updates", params: (f) => ({ id: f.incident.id }), body: () => ({ status: "monitoring", body: "Fix deployed." }) },
  {
    name: "PATCH /incidents/{id}",
    handler: incidentRoute.PATCH,
    method: "PATCH",
    path: "/incidents/x",
    params: (f) => ({ id: f.incident.id }),
    body: (f) => ({ name: "Renamed", impact: "major", startedAt: "2026-01-01T00:00:00Z", components: [{ componentId: f.component.id, status: "partial_outage" }], notify: true }),
  },
  { name: "POST /incidents/{id}/reopen", handler: reopenRoute.POST, method: "POST", path: "/incidents/x/reopen", params: (f) => ({ id: f.resolved.id }), body: () => ({ body: "It is back." }) },
  { name: "POST /incidents/{id}/postmortem", handler: postmortemRoute.POST, method: "POST", path: "/incidents/x/postmortem", params: (f) => ({ id: f.resolved.id }), body: () => ({ body: "Root cause." }) },
  { name: "PATCH /updates/{id}", handler: updateRoute.PATCH, method: "PATCH", path: "/updates/x", params: (f) => ({ id: f.updateId }), body: () => ({ body: "Second, corrected." }) },
  { name: "DELETE /updates/{id}", handler: updateRoute.DELETE, method: "DELETE", path: "/updates/x", params: (f) => ({ id: f.updateId }) },
  { name: "POST /components", handler: componentsRoute.POST, method: "POST", path: "/components", body: () => ({ name: "API component" }) },
  { name: "PUT /components/{id}", handler: componentRoute.PUT, method: "PUT", path: "/components/x", params: (f) => ({ id: f.component.id }), body: () => ({ name: "Renamed", position: 2 }) },
  { name: "DELETE /components/{id}", handler: componentRoute.DELETE, method: "DELETE", path: "/components/x", params: (f) => ({ id: f.component.id }) },
  { name: "POST /monitors", handler: monitorsRoute.POST, method: "POST", path: "/monitors", body: (f) => ({ name: "API monitor", kind: "http", target: "https://example.fm/", componentId: f.component.id, expectations: { keyword: "ok" } }) },
  { name: "PUT /monitors/{id}", handler: monitorRoute.PUT, method: "PUT", path: "/monitors/x", params: (f) => ({ id: f.monitor.id }), body: () => ({ name: "Renamed", kind: "tcp", target: "example.fm:9", enabled: false }) },
  { name: "DELETE /monitors/{id}", handler: monitorRoute.DELETE, method: "DELETE", path: "/monitors/x", params: (f) => ({ id: f.monitor.id }) },
  { name: "POST /monitors/{id}/run", handler: runRoute.POST, method: "POST", path: "/monitors/x/run", params: (f) => ({ id: f.monitor.id }) },
  { name: "POST /maintenance", handler: maintenanceRoute.POST, method: "POST", path: "/maintenance", body: (f) => ({ name: "API window", body: "Planned.", componentIds: [f.component.id], scheduledFor: "2031-02-01T00:00:00Z", scheduledUntil: "2031-02-01T01:00:00Z" }) },
  { name: "PATCH /maintenance/{id}", handler: maintenanceWindowRoute.PATCH, method: "PATCH", path: "/maintenance/x", params: (f) => ({ id: f.maintenance.id }), body: () => ({ scheduledFor: "2031-01-02T00:00:00Z", scheduledUntil: "2031-01-02T02:00:00Z" }) },
  { name: "POST /maintenance/{id}/cancel", handler: cancelRoute.POST, method: "POST", path: "/maintenance/x/cancel", params: (f) => ({ id: f.maintenance.id }), body: () => ({}) },
  { name: "POST /maintenance/{id}/updates", handler: maintenanceUpdatesRoute.POST, method: "POST", path: "/maintenance/x/updates", params: (f) => ({ id: f.maintenance.id }), body: () => ({ status: "in_progress", body: "Started." }) },
  { name: "PATCH /page", handler: pageRoute.PATCH, method: "PATCH", path: "/page", body: () => ({ name: `API page ${crypto.randomUUID().slice(0, 8)}`, accentColor: "#8250df", footerLinks: [{ label: "Home", url: "https://example.fm" }] }) },
  { name: "PUT /page/logo", handler: pageLogoRoute.PUT, method: "PUT", path: "/page/logo", body: logoForm },
  { name: "DELETE /page/logo", handler: pageLogoRoute.DELETE, method: "DELETE", path: "/page/logo" },
];

function call(endpoint: Endpoint, f: Fixtures, headers: Record<string, string>, body = endpoint.body?.(f)): Promise<Response> {
  const request = new Request(`http://127.0.0.1:3000/api/admin${endpoint.path}`, {
    method: endpoint.method,
    // A FormData body sets its own multipart content type.
    headers: { host: "127.0.0.1:3000", ...(body === undefined || body instanceof FormData ? {} : { "content-type": "application/json" }), ...headers },
    body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
  });
  return endpoint.handler(request, { params: Promise.resolve(endpoint.params?.(f) ?? {}) });
}

async function snapshot() {
  const d = db();
  const rows = await Promise.all([
    d.incident.findMany({ orderBy: { id: "asc" } }),
    d.incidentUpdate.findMany({ orderBy: { id: "asc" } }),
    d.incidentComponent.findMany({ orderBy: [{ incidentId: "asc" }, { componentId: "asc" }] }),
    d.component.findMany({ orderBy: { id: "asc" } }),
    d.monitor.findMany({ orderBy: { id: "asc" } }),
    d.outboxMessage.count(),
    d.auditLog.count(),
    d.page.findMany(),
  ]);
  return JSON.stringify(rows, (_, v) => (typeof v === "bigint" ? v.toString() : v));
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

type OpenApiPaths = Record<string, Record<string, { responses: Record<string, unknown> }>>;
let documented: OpenApiPaths;

/** The success status the served OpenAPI document gives for an endpoint named "METHOD /path". */
function documentedSuccess(name: string): number {
  const [method, path] = name.split(" ") as [string, string];
  const operation = documented[path]?.[method.toLowerCase()];
  expect(operation, `${name} is in the OpenAPI document`).toBeDefined();
  const codes = Object.keys(operation!.responses).filter((code) => code !== "default");
  expect(codes, `${name} documents one success status`).toHaveLength(1);
  return Number(codes[0]);
}

beforeAll(async () => {
  documented = (await openapiRoute.GET().json()).paths;
  owner = await admin("owner");
  const gone = await admin("owner");
  const read = await verbs.createApiKey({ name: "reader", scope: "read" }, owner);
  const write = await verbs.createApiKey({ name: "writer", scope: "write" }, owner);
  const revoked = await verbs.createApiKey({ name: "revoked", scope: "write" }, owner);
  await verbs.revokeApiKey({ id: revoked.id }, owner);
  const orphaned = await verbs.createApiKey({ name: "orphaned", scope: "write" }, gone);
  await db().adminUser.update({ where: { id: gone.adminId }, data: { disabledAt: new Date() } });
  keys = { read: read.token, write: write.token, revoked: revoked.token, orphaned: orphaned.token };
});

describe("admin API", () => {
  it.each(writes.map((e) => [e.name, e] as const))("%s: refused without a good write key or from another site; nothing changes; works and is audited with one", async (_, endpoint) => {
    const f = await fixtures();
    const before = await snapshot();
    const refusals: [string, Record<string, string>, number][] = [
      ["no key", {}, 401],
      ["unknown key", bearer("vigil_not-a-real-key"), 401],
      ["revoked key", bearer(keys.revoked), 401],
      ["key of a disabled admin", bearer(keys.orphaned), 401],
      ["read key", bearer(keys.read), 403],
      ["foreign Origin", { ...bearer(keys.write), origin: "https://evil.example" }, 403],
      ["null Origin", { ...bearer(keys.write), origin: "null" }, 403],
      ["x-middleware-subrequest and no key", { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" }, 401],
      ["a session-like cookie and no key", { cookie: "vigil_session=anything" }, 401],
    ];
    for (const [why, headers, status] of refusals) {
      const response = await call(endpoint, f, headers);
      expect(response.status, `${endpoint.name} with ${why}`).toBe(status);
      expect((await response.json()).error.code).toBeTypeOf("string");
    }
    expect(await snapshot()).toBe(before);

    const auditBefore = await db().auditLog.count();
    const response = await call(endpoint, f, bearer(keys.write));
    expect(response.status, `${endpoint.name}: ${await response.clone().text()}`).toBe(documentedSuccess(endpoint.name));
    expect(response.headers.get("cache-control")).toBe("no-store");
    if (endpoint.name !== "POST /monitors/{id}/run") {
      const audit = await db().auditLog.findMany({ where: { id: { gt: BigInt(auditBefore) } } });
      expect(audit.length).toBeGreaterThanOrEqual(1);
      expect(audit.every((row) => row.actorId === owner.adminId && row.actorLabel.includes('API key "writer"'))).toBe(true);
    }
  });

  it.each(reads.map((e) => [e.name, e] as const))("%s: read keys read; no key, revoked keys and a bare x-middleware-subrequest do not", async (_, endpoint) => {
    const f = await fixtures();
    expect((await call(endpoint, f, {})).status).toBe(401);
    expect((await call(endpoint, f, bearer(keys.revoked))).status).toBe(401);
    expect((await call(endpoint, f, { "x-middleware-subrequest": "1" })).status).toBe(401);
    const response = await call(endpoint, f, bearer(keys.read));
    expect(response.status).toBe(documentedSuccess(endpoint.name));
    expect(await response.json()).toHaveProperty("data");
  });

  it("invalid input is a 422 naming the fields, a body that is not a JSON object a 400, too big a 413, unknown ids 404, conflicts 409 — with nothing written", async () => {
    const f = await fixtures();
    const before = await snapshot();
    const create = writes[0]!;
    const invalid = await call(create, f, bearer(keys.write), { name: "", impact: "maintenance", components: [{ componentId: f.component.id, status: "on fire" }] });
    expect(invalid.status).toBe(422);
    const invalidBody = await invalid.json();
    expect(invalidBody.error.code).toBe("invalid_input");
    expect(Object.keys(invalidBody.error.fieldErrors).sort()).toEqual(["body", "components.0.status", "impact", "name"]);
    expect(invalidBody.error.fieldErrors.name).toEqual([expect.any(String)]);

    const post = (body: string) => incidentsRoute.POST(new Request("http://127.0.0.1:3000/api/admin/incidents", { method: "POST", headers: bearer(keys.write), body }), { params: Promise.resolve({}) });
    for (const garbage of ["{nope", "[1, 2]", '"a string"', "null", ""]) {
      const response = await post(garbage);
      expect(response.status, garbage).toBe(400);
      expect((await response.json()).error).toEqual({ code: "invalid_json", message: "the request body must be a JSON object" });
    }
    const huge = await post(JSON.stringify({ name: "Big", body: "x".repeat(JSON_BODY_LIMIT_BYTES) }));
    expect(huge.status).toBe(413);
    expect((await huge.json()).error.code).toBe("payload_too_large");
    const unknown = await incidentRoute.GET(new Request("http://127.0.0.1:3000/api/admin/incidents/nope", { headers: bearer(keys.read) }), { params: Promise.resolve({ id: "nope" }) });
    expect(unknown.status).toBe(404);
    const closed = await call(writes[1]!, { ...f, incident: f.resolved }, bearer(keys.write));
    expect(closed.status).toBe(409);
    const edit = writes.find((e) => e.name === "PATCH /incidents/{id}")!;
    const backdated = await call(edit, f, bearer(keys.write), { startedAt: "2099-01-01T00:00:00Z", impact: "critical" });
    expect(backdated.status).toBe(422);
    expect((await backdated.json()).error.fieldErrors).toEqual({ startedAt: ["cannot be in the future", expect.stringContaining("no later than the first update")] });
    const reschedule = writes.find((e) => e.name === "PATCH /maintenance/{id}")!;
    const backwards = await call(reschedule, f, bearer(keys.write), { scheduledFor: "2031-01-02T00:00:00Z", scheduledUntil: "2031-01-01T00:00:00Z" });
    expect(backwards.status).toBe(422);
    expect((await backwards.json()).error.fieldErrors).toHaveProperty("scheduledUntil");
    const pagePatch = writes.find((e) => e.name === "PATCH /page")!;
    const lowContrast = await call(pagePatch, f, bearer(keys.write), { accentColor: "#ffd33d", customCss: "@import url(https://evil.example/x.css);" });
    expect(lowContrast.status).toBe(422);
    expect((await lowContrast.json()).error.fieldErrors).toEqual({ accentColor: [expect.stringContaining("contrast 1.34:1")], customCss: [expect.stringContaining("@import"), expect.stringContaining("another site")] });
    expect((await call(pagePatch, f, bearer(keys.write), { logo: "aGVsbG8=" })).status).toBe(422);
    const notAnImage = new FormData();
    notAnImage.append("logo", new File(["GIF89a"], "logo.png", { type: "image/png" }));
    const badLogo = await call(writes.find((e) => e.name === "PUT /page/logo")!, f, bearer(keys.write), notAnImage);
    expect([badLogo.status, (await badLogo.json()).error.fieldErrors]).toEqual([422, { logo: ["is not a PNG, JPEG or WebP image"] }]);
    const hugeLogo = new FormData();
    hugeLogo.append("logo", new File([new Uint8Array(400 * 1024)], "logo.png"));
    expect((await call(writes.find((e) => e.name === "PUT /page/logo")!, f, bearer(keys.write), hugeLogo)).status).toBe(413);
    expect(await snapshot()).toBe(before);
  });

  it("documents exactly the endpoints tested here, each with the status it answers (checked above)", () => {
    const operations = Object.entries(documented).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`));
    expect(operations.sort()).toEqual([...reads, ...writes].map((e) => e.name).sort());
  });

  it("serves an OpenAPI document generated from the schemas", async () => {
    const document = await openapiRoute.GET().json();
    expect(document.openapi).toBe("3.0.3");
    expect(document.paths["/incidents"].post.requestBody.content["application/json"].schema.properties).toHaveProperty("notify");
  });
});
