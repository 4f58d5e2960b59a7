// The public route table against a real PostgreSQL: every public address renders through the typed
// views in the one layout (status codes, escaping, no framework script), only routes the table marks
// shared are cached, and the subscription pages' forms answer with redirects to pages that say what happened.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { changeFeed, stopChangeFeed } from "@/lib/live/change-feed";
import { setUpPublicSurface, type PublicFixture } from "@/test/public-fixtures";
import { UpdatePageSettings } from "@/lib/page/schemas";
import { updatePageSettings } from "@/lib/page/update-page-settings";
import { parsedVerb } from "@/test/verbs";
import { answerPublic, matchPublicRoute, PUBLIC_ROUTES } from "./_routes/public-routes";

let fixture: PublicFixture;
const ask = (path: string, init: RequestInit = {}) => answerPublic(new Request(`http://127.0.0.1${path}`, init));
const post = (path: string, fields: Record<string, string>) => ask(path, { method: "POST", body: new URLSearchParams(fields) });

beforeAll(async () => {
  fixture = await setUpPublicSurface();
});
afterAll(() => stopChangeFeed());

/** What every public page shares: the one layout (skip link first, the favicon), and no script but the small inline one. */
function expectPublicDocument(html: string) {
  expect(html.startsWith('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"/>')).toBe(true);
  expect(html.match(/<main id="main">/g)).toHaveLength(1);
  expect(html).toMatch(/<body[^>]*><a class="skip-link" href="#main">Skip to content<\/a><header class="page-header">.*?<\/header><main id="main">/);
  expect(html).toContain('<link rel="icon" href="/favicon-status.svg" type="image/svg+xml"/>');
  expect(html).toContain("<span>Powered by Vigil</span></footer></main>");
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts).toEqual(["<script>"]);
  expect(html).not.toContain("/_next/");
}

describe("public route table", () => {
  it("every public page answers through the typed views with its status code", async () => {
    const pages: [string, number, string][] = [
      ["/", 200, "<h1>Vigil demo</h1>"],
      ["/history", 200, "<h1>Incident history</h1>"],
      ["/uptime", 200, "<h1>Uptime by month</h1>"],
      [`/incidents/${fixture.resolvedId}`, 200, "<h1>Slow downloads</h1>"],
      ["/subscribe", 200, "<h1>Subscribe to updates</h1>"],
      ["/subscribe?sent=1", 200, "a confirmation email is on its way"],
      ["/subscribe/confirm?token=abc", 200, '<input type="hidden" name="token" value="abc"/>'],
      ["/subscribe/confirm", 200, "This link is incomplete."],
      ["/subscription/abc.0.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", 404, "<h1>Page not found</h1>"],
      ["/incidents/no-such-incident", 404, "<h1>Incident not found</h1>"],
      ["/no-such-page", 404, "<h1>Page not found</h1>"],
      ["/admin/no-such-page", 404, "<h1>Page not found</h1>"],
      ["/history?page=0", 400, "<h1>Bad request</h1>"],
    ];
    for (const [path, status, text] of pages) {
      const response = await ask(path);
      expect(response.status, path).toBe(status);
      expect(response.headers.get("content-type"), path).toBe("text/html; charset=utf-8");
      const html = await response.text();
      expect(html, path).toContain(text);
      expectPublicDocument(html);
    }
  });

  it("the status widget shows the page's or a component's status in words, runs nothing, and any site may frame it", async () => {
    const page = await ask("/embed");
    expect(page.status).toBe(200);
    const csp = page.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("frame-ancestors *");
    expect(csp).not.toContain("script-src");
    expect(page.headers.get("x-frame-options")).toBeNull();
    const html = await page.text();
    expect(html).toMatch(/<a href="\/" target="_blank" rel="noopener"[^>]*><svg[^>]*aria-hidden="true"><circle[^>]*fill="#[0-9a-f]{6}"><\/circle><\/svg><span><b>Vigil demo<\/b>[^<]+<\/span><\/a>/);
    expect(html).not.toContain("<script");
    for (const subject of [fixture.componentIds.CMS!, "cms"]) {
      const component = await ask(`/embed?component=${encodeURIComponent(subject)}`);
      expect(component.status, subject).toBe(200);
      expect(await component.text(), subject).toContain("<b>CMS</b>major outage</span>");
    }
    const unknown = await ask("/embed?component=no-such-component");
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain("<b>component</b>unknown</span>");
    expect((await ask(`/embed?component=${"x".repeat(201)}`)).status).toBe(400);
  });

  it("a <script> in an incident's name is text on every page that shows it", async () => {
    const before = changeFeed().generation;
    const name = '<script>alert("x")</script> & more';
    await db().incident.update({ where: { id: fixture.openId }, data: { name } });
    await expect.poll(() => changeFeed().generation, { timeout: 5_000 }).toBeGreaterThan(before);
    for (const path of ["/", "/history", `/incidents/${fixture.openId}`]) {
      const html = await (await ask(path)).text();
      expect(html, path).toContain("&lt;script>alert(&quot;x&quot;)&lt;/script> &amp; more");
      expect(html, path).not.toContain("<script>alert");
      expectPublicDocument(html);
    }
    await db().incident.update({ where: { id: fixture.openId }, data: { name: "CMS unavailable" } });
  });

  it("pages follow the visitor's Accept-Language (or ?lang=), say so, and the cache keeps one copy per language", async () => {
    const asking = (path: string, language?: string) => ask(path, { headers: language ? { "Accept-Language": language } : {} });
    await asking("/");
    const german = await asking("/", "de-DE,de;q=0.9,en;q=0.5");
    expect(german.headers.get("content-language")).toBe("de");
    expect(german.headers.get("vary")).toBe("Accept-Encoding, Accept-Language");
    const germanHtml = await german.text();
    expect(germanHtml).toContain('<html lang="de">');
    expect(germanHtml).toContain('<h2 id="components-heading">Komponenten</h2>');
    const cachedGerman = await asking("/", "de");
    expect(cachedGerman.headers.get("x-vigil-cache")).toBe("hit");
    expect(await cachedGerman.text()).toBe(germanHtml);
    // The English entry is untouched by the German one, for every way of not asking for German.
    for (const language of ["en-US,en;q=0.9", undefined, "fr-FR", "de;q=0, en;q=0.1"]) {
      const english = await asking("/", language);
      expect(english.headers.get("content-language"), language).toBe("en");
      const html = await english.text();
      expect(html, language).toContain('<html lang="en">');
      expect(html, language).toContain('<h2 id="components-heading">Components</h2>');
    }
    const spanish = await asking("/history?lang=es", "de");
    expect(await spanish.text()).toContain("<h1>Historial de incidentes</h1>");
    expect((await asking("/subscribe", "es-MX")).headers.get("content-language")).toBe("es");
    expect(await (await asking("/subscribe", "es-MX")).text()).toContain("<h1>Suscribirse a los avisos</h1>");
    // Data stays one resource for everyone.
    const api = await asking("/api/v2/status.json", "de");
    expect(api.headers.get("content-language")).toBeNull();
    expect(api.headers.get("vary")).toBe("Accept-Encoding");
  });

  it("the page's own language is what a visitor without a preference reads", async () => {
    const setLanguage = parsedVerb(updatePageSettings, UpdatePageSettings);
    const before = changeFeed().generation;
    await setLanguage({ language: "es" }, fixture.actor);
    try {
      await expect.poll(() => changeFeed().generation, { timeout: 5_000 }).toBeGreaterThan(before);
      const html = await (await ask("/")).text();
      expect(html).toContain('<html lang="es">');
      expect(html).toContain('<h2 id="components-heading">Componentes</h2>');
      expect(await (await ask("/", { headers: { "Accept-Language": "en" } })).text()).toContain('<html lang="en">');
      await expect(setLanguage({ language: "fr" as "es" }, fixture.actor)).rejects.toThrow();
    } finally {
      // Waited for like the change above: a notice arriving during the next test would empty the
      // cache that test reads.
      const restoring = changeFeed().generation;
      await setLanguage({ language: "en" }, fixture.actor);
      await expect.poll(() => changeFeed().generation, { timeout: 5_000 }).toBeGreaterThan(restoring);
    }
    const entry = await db().auditLog.findFirst({ where: { action: "page.settings" }, orderBy: { id: "desc" } });
    expect(entry?.details).toEqual({ before: { language: "es" }, after: { language: "en" } });
  });

  it("query text shown on a page is escaped too", async () => {
    const html = await (await ask(`/subscribe?error=${encodeURIComponent("<img src=x onerror=alert(1)>")}`)).text();
    expect(html).toContain('<p class="notice notice-error" role="alert">&lt;img src=x onerror=alert(1)></p>');
  });

  it("the table is the cache's list: shared routes are kept, per-visitor routes and unknown paths never", async () => {
    for (const path of ["/uptime", "/badge/status.svg", "/api/v2/status.json"]) {
      await ask(path);
      expect((await ask(path)).headers.get("x-vigil-cache"), path).toBe("hit");
    }
    for (const path of ["/subscribe", "/subscribe/confirm?token=abc", "/no-such-page", "/admin"]) {
      await ask(path);
      expect((await ask(path)).headers.get("x-vigil-cache"), path).toBeNull();
    }
    expect(matchPublicRoute("/admin")).toBeNull();
    expect(matchPublicRoute("/api/health")).toBeNull();
    // Per visitor, and the logo: bytes a browser keeps for a year by their hash, not kept in memory here.
    const perVisitor = ["/subscribe", "/subscribe/confirm", "/subscription/t", `/logo/${"0".repeat(64)}`];
    expect(PUBLIC_ROUTES.filter((route) => route.cache === "none").every((route) => perVisitor.some((path) => route.path.test(path)))).toBe(true);
  });

  it("methods a route does not take answer 405 with Allow; OPTIONS says what it takes, with CORS on the API", async () => {
    expect((await ask("/no-such-page", { method: "POST" })).status).toBe(404);
    const put = await ask("/", { method: "PUT" });
    expect(put.status).toBe(405);
    expect(put.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
    expect((await ask("/subscribe/confirm", { method: "DELETE" })).headers.get("allow")).toBe("GET, HEAD, POST, OPTIONS");
    const options = await ask("/history", { method: "OPTIONS" });
    expect([options.status, options.headers.get("allow")]).toEqual([204, "GET, HEAD, OPTIONS"]);
    const preflight = await ask("/api/v2/summary.json", { method: "OPTIONS" });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-methods")).toContain("GET");
  });

  it("confirm and manage forms answer 303 back to a page that says what went wrong", async () => {
    const confirm = await post("/subscribe/confirm", { token: "not-a-token" });
    expect(confirm.status).toBe(303);
    const location = confirm.headers.get("location")!;
    expect(location).toMatch(/^\/subscribe\/confirm\?error=/);
    expect(await (await ask(location)).text()).toContain('role="alert"');

    const manage = await post("/subscription/not-a-token", { intent: "unsubscribe" });
    expect(manage.status).toBe(303);
    expect(manage.headers.get("location")).toMatch(/^\/subscription\/not-a-token\?error=/);
    const unknownIntent = await post("/subscription/not-a-token", { intent: "explode" });
    expect(unknownIntent.headers.get("location")).toMatch(/^\/subscription\/not-a-token\?error=/);
  });
});
