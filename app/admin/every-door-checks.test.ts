// A guard against the one mistake that matters most here: a console page or admin route that forgets
// to check who is asking. The proxy is no lock (CVE-2025-29927), so every door checks by itself.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

function files(dir: string, name: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return files(full, name);
    return entry === name ? [full] : [];
  });
}

const root = path.resolve(import.meta.dirname, "..");

describe("every admin door checks credentials itself", () => {
  it("every console page calls requireAdmin()", () => {
    const pages = files(path.join(root, "admin/(console)"), "page.tsx");
    expect(pages.length).toBeGreaterThanOrEqual(17);
    // The mail pages (subscribers, outbox, demo mails) are among them.
    for (const page of ["subscribers", "outbox", "mails"]) expect(pages).toContain(path.join(root, "admin/(console)", page, "page.tsx"));
    for (const page of pages) expect(readFileSync(page, "utf8"), page).toMatch(/await requireAdmin\(/);
  });

  it("every admin API handler is wrapped in adminRoute (bar the public OpenAPI document)", () => {
    const routes = files(path.join(root, "api/admin"), "route.ts").filter((file) => !file.includes("openapi.json"));
    expect(routes.length).toBeGreaterThanOrEqual(12);
    for (const route of routes) {
      const source = readFileSync(route, "utf8");
      const handlers = [...source.matchAll(/export const (GET|POST|PUT|PATCH|DELETE) = (\w+)\(/g)];
      expect(handlers.length, route).toBeGreaterThan(0);
      expect(handlers.every((match) => match[2] === "adminRoute"), route).toBe(true);
      expect(source, route).not.toMatch(/export (async )?function (GET|POST|PUT|PATCH|DELETE)/);
    }
  });

  it("console mutations go through the one action wrapper", () => {
    const serverActionFiles = files(path.join(root, "admin"), "actions.ts");
    expect(serverActionFiles.map((file) => path.relative(root, file))).toEqual(["admin/actions.ts"]);
    expect(readFileSync(serverActionFiles[0]!, "utf8")).toContain("executeAdminAction(");
  });
});
