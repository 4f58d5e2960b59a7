// Signing in to the console, from a signed-out browser: the owner exists (the setup project made
// them), and these tests sign in themselves, because signing in is what they check.
import { expect, test } from "@playwright/test";
import { OWNER, signIn } from "./admin-session";

test("sign-in answers the same for an unknown email and a wrong password", async ({ page }) => {
  const attempt = async (email: string) => {
    await page.goto("/admin/login");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("not the password at all");
    await page.getByRole("button", { name: "Sign in" }).click();
    return (await page.locator("p.form-error").textContent())?.trim();
  };
  const unknown = await attempt("nobody@example.fm");
  const wrong = await attempt(OWNER.email);
  expect(unknown).toBe("Email or password is incorrect.");
  expect(wrong).toBe(unknown);
  await signIn(page, OWNER.email, OWNER.password);
  await page.getByRole("link", { name: "Account" }).click();
  await expect(page.getByTestId("session").filter({ hasText: "this session" })).toHaveCount(1);
});

test("console responses carry a nonce CSP, no caching, and framing is refused", async ({ request, page }) => {
  const response = await request.get("/admin/login");
  const csp = response.headers()["content-security-policy"] ?? "";
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) expect(csp).toContain(directive);
  expect(response.headers()["cache-control"]).toContain("no-store");
  expect(response.headers()["x-frame-options"]).toBe("DENY");
  const again = await request.get("/admin/login");
  expect(again.headers()["content-security-policy"]).not.toBe(csp); // a fresh nonce per response

  // Next's internal subrequest marker opens nothing (CVE-2025-29927): refused at the proxy, and the
  // pages and API check credentials themselves anyway.
  const marker = { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" };
  expect((await request.get("/admin", { headers: marker, maxRedirects: 0 })).status()).toBe(400);
  expect((await request.post("/api/admin/incidents", { headers: marker, data: { name: "x", body: "y" } })).status()).toBeGreaterThanOrEqual(400);
  expect((await request.get("/admin/audit", { maxRedirects: 0 })).headers()["location"]).toMatch(/\/admin\/login$/);

  // The page works under its own CSP: no violations while signing in (scripts carry the nonce).
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await signIn(page, OWNER.email, OWNER.password);
  expect(violations).toEqual([]);
});
