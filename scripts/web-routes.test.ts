// Every route file of app/ is answered by someone: the custom server's own table, the public
// catch-all (through the custom server), or Next — so a new route file cannot silently fall to
// the public 404 page because the custom server does not know it needs Next.
import { readdir } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { OWN_ROUTES, servedByNext } from "./web-routes";

const APP = path.join(import.meta.dirname, "..", "app");
const CATCH_ALL = "app/(public)/[[...path]]/route.ts";

async function routeFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await routeFiles(full)));
    else if (/^(route\.ts|page\.tsx)$/.test(entry.name)) files.push(path.relative(path.dirname(APP), full));
  }
  return files;
}

/** The address a route file answers, its dynamic segments filled with a sample value. */
function addressOf(file: string): string {
  const segments = path.dirname(file).split(path.sep).slice(1);
  const address = segments.filter((segment) => !/^\(.*\)$/.test(segment)).map((segment) => (/^\[.+\]$/.test(segment) ? "sample" : segment));
  return `/${address.join("/")}`;
}

describe("who answers each route file", () => {
  it("each route file is the custom server's own, or Next's, never both; the public catch-all is never Next's", async () => {
    const files = await routeFiles(APP);
    expect(files).toContain(CATCH_ALL);
    for (const file of files) {
      if (file === CATCH_ALL) continue;
      const address = addressOf(file);
      const own = OWN_ROUTES.find((route) => route.file === file);
      if (own) {
        expect(own.path.test(address), `${file} at ${address}`).toBe(true);
        expect(servedByNext(address), `${file} at ${address}`).toBe(false);
      } else {
        expect(servedByNext(address), `${file} at ${address}: add it to OWN_ROUTES or to servedByNext`).toBe(true);
      }
    }
    for (const route of OWN_ROUTES) expect(files, route.file).toContain(route.file);
  });

  it("public addresses and the admin console's look-alikes are told apart", () => {
    for (const address of ["/", "/history", "/api/v2/summary.json", "/administrator", "/api/administer", "/favicon.svg", "/api/health", "/metrics"]) {
      expect(servedByNext(address), address).toBe(false);
    }
    for (const address of ["/admin", "/admin/login", "/api/admin", "/api/admin/incidents", "/_next/static/chunks/x.js"]) {
      expect(servedByNext(address), address).toBe(true);
    }
  });

  it("the subscription API's static segment wins over its token, as in Next", () => {
    const unsubscribe = OWN_ROUTES.find((route) => route.path.test("/api/subscriptions/unsubscribe"));
    expect(unsubscribe?.file).toBe("app/api/subscriptions/unsubscribe/route.ts");
  });
});
