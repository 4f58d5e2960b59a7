// Console forms clicked before hydration (slow network) or without JavaScript: they are POST forms,
// so the browser never submits a GET that would put their fields — the password — in the URL.
import { expect, test } from "@playwright/test";

test("without JavaScript the sign-in form never puts the password in the URL", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const requests: { method: string; url: string }[] = [];
  page.on("request", (request) => requests.push({ method: request.method(), url: request.url() }));
  await page.goto("/admin/login");
  await page.getByLabel("Email").fill("nobody@example.fm");
  await page.getByLabel("Password").fill("not-the-password-123");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  expect(requests.some((r) => r.method === "POST" && new URL(r.url).pathname === "/admin/login")).toBe(true);
  expect(requests.every((r) => !r.url.includes("not-the-password-123") && !r.url.includes("password="))).toBe(true);
  await context.close();
});
