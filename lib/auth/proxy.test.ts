// The proxy's headers and its optimistic redirect, over https (HSTS, __Host- cookie name).
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let proxy: (request: NextRequest) => Response;

beforeAll(async () => {
  // lib/env reads the environment once, on first use: set it before the proxy loads.
  process.env.PUBLIC_URL = "https://status.example.fm";
  ({ proxy } = await import("../../proxy"));
});
afterAll(() => {
  delete process.env.PUBLIC_URL; // worker processes are reused by later test files
});

const request = (path: string, headers: Record<string, string> = {}) => new NextRequest(new URL(path, "https://status.example.fm"), { headers });

describe("proxy", () => {
  it("sends signed-out visitors of the console to the sign-in page, and only them", () => {
    const redirected = proxy(request("/admin/incidents"));
    expect(redirected.status).toBe(307);
    expect(redirected.headers.get("location")).toBe("https://status.example.fm/admin/login");
    expect(proxy(request("/admin/login")).headers.get("location")).toBeNull();
    expect(proxy(request("/admin/setup?token=x")).headers.get("location")).toBeNull();
    expect(proxy(request("/admin/oidc/callback?code=x&state=y")).headers.get("location")).toBeNull();
    // A cookie is only a hint: the page itself checks the session.
    expect(proxy(request("/admin/incidents", { cookie: "__Host-vigil_session=whatever" })).headers.get("location")).toBeNull();
  });

  it("puts a fresh nonce CSP, no-store, no framing and HSTS on console responses; HSTS alone elsewhere", () => {
    const first = proxy(request("/admin/login"));
    const second = proxy(request("/admin/login"));
    const csp = first.headers.get("content-security-policy")!;
    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    expect(csp).toContain("upgrade-insecure-requests");
    expect(second.headers.get("content-security-policy")).not.toBe(csp);
    expect(first.headers.get("cache-control")).toBe("no-store, max-age=0");
    expect(first.headers.get("x-frame-options")).toBe("DENY");
    expect(first.headers.get("strict-transport-security")).toMatch(/^max-age=\d{8,}/);
    const home = proxy(request("/"));
    expect(home.headers.get("strict-transport-security")).toMatch(/^max-age=/);
    expect(home.headers.get("content-security-policy")).toBeNull();
  });

  it("refuses Next's internal subrequest marker from outside", () => {
    expect(proxy(request("/admin", { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" })).status).toBe(400);
    expect(proxy(request("/api/admin/incidents", { "x-middleware-subrequest": "proxy" })).status).toBe(400);
  });

  it("refuses a foreign, undeclared or oversized server action before Next runs it (403, 411, 413); other posts pass", async () => {
    const post = (path: string, headers: Record<string, string>) => proxy(new NextRequest(new URL(path, "https://status.example.fm"), { method: "POST", headers }));
    const same = { origin: "https://status.example.fm", "next-action": "7f00" };
    const foreign = post("/admin/incidents", { ...same, origin: "https://evil.example", "content-length": "10" });
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toEqual({ error: { code: "foreign_origin", message: "cross-site requests are refused" } });
    expect(post("/admin/incidents", { ...same, origin: "http://status.example.fm", "content-length": "10" }).status).toBe(403);
    expect(post("/admin/login", { ...same, origin: "null", "content-length": "10" }).status).toBe(403);
    expect(post("/", { origin: "https://evil.example", "next-action": "7f00", "content-length": "10" }).status).toBe(403);
    expect(post("/admin/incidents", { ...same, "content-length": String(1024 * 1024 + 1) }).status).toBe(413);
    expect(post("/admin/incidents", same).status).toBe(411);
    expect(post("/admin/incidents", { ...same, "content-length": "100" }).status).toBe(200);
    // A console form posted without JavaScript is multipart: an action to Next. (Under the console's
    // no-referrer policy the browser sends Origin: null, which the action would refuse anyway.)
    const multipart = { "content-type": "multipart/form-data; boundary=x", "content-length": "10" };
    expect(post("/admin/incidents", { ...multipart, origin: "https://evil.example" }).status).toBe(403);
    expect(post("/admin/incidents", { ...multipart, origin: "https://status.example.fm" }).status).toBe(200);
    // A url-encoded post is never an action to Next (it renders the page): left alone.
    expect(post("/admin/login", { "content-type": "application/x-www-form-urlencoded", origin: "null", "content-length": "10" }).status).toBe(200);
    // Public forms and the bearer-key API are route handlers with checks of their own.
    expect(post("/api/subscriptions", { origin: "https://evil.example", "content-length": "10" }).status).toBe(200);
    expect(post("/api/admin/incidents", { "content-length": "10" }).status).toBe(200);
  });

  it("answers 400 naming the parameter when the address carries NUL or another control character", async () => {
    const audit = proxy(request("/admin/audit?actor=%00&action=ok"));
    expect(audit.status).toBe(400);
    expect(await audit.json()).toEqual({
      error: { code: "invalid_characters", message: "the address contains control characters (such as NUL)", fieldErrors: { actor: ["must not contain control characters (such as NUL)"] } },
    });
    expect((await proxy(request("/incidents/a%00b")).json()).error.fieldErrors).toEqual({ path: ["must not contain control characters (such as NUL)"] });
    expect(proxy(request("/history?page=%1b")).status).toBe(400);
    expect(proxy(request("/admin/audit?actor=%C3%A9%20%0A")).status).toBe(307); // é, space, newline: fine (then the sign-in redirect)
  });
});
