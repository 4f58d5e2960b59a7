import { expect, test } from "@playwright/test";

test("the public page shows the seeded components with their status", async ({ page }) => {
  const response = await page.goto("/");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: "Vigil demo" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 3 }).filter({ hasText: /^(Website|Publishing)$/ })).toHaveText(["Website", "Publishing"]);
  const components = page.getByTestId("component");
  await expect(components).toHaveCount(4);
  await expect(components.filter({ hasText: "Health API" })).toContainText("Operational");
  const publishing = page.getByTestId("group").filter({ has: page.getByRole("heading", { name: "Publishing" }) }).getByTestId("component");
  await expect(publishing).toHaveCount(2);
  await expect(publishing.first()).toContainText("CMS");
});

test("the health endpoint reports a live worker", async ({ request }) => {
  await expect
    .poll(async () => (await request.get("/api/health")).status(), { timeout: 15_000 })
    .toBe(200);
  const health = await (await request.get("/api/health")).json();
  expect(health).toMatchObject({ status: "ok", database: { reachable: true }, worker: { alive: true } });
  expect(health.worker.heartbeatAgeSeconds).toBeLessThan(5);
});

test("unknown paths are real 404s", async ({ page }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});
