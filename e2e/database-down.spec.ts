// Stops the app's PostgreSQL for real, so it is its own project: the setup project's teardown, run
// after every project that uses the app (playwright.config.ts), whatever their order or results.
// The page and the API must keep answering from the last good snapshot, with the stale notice;
// health says 503.
import { expect, test } from "@playwright/test";
import { embeddedPostgresPid } from "./e2e-database";

test("with PostgreSQL stopped, the page and summary.json answer 200 with the stale notice", async ({ page, request }) => {
  // Warm: the web process holds a good snapshot.
  expect((await request.get("/")).status()).toBe(200);
  const beforeResponse = await request.get("/api/v2/summary.json");
  expect(beforeResponse.headers()["x-vigil-stale"]).toBeUndefined();
  const before = await beforeResponse.json();

  const pid = await embeddedPostgresPid();
  test.skip(pid === null, "an external DATABASE_URL is not ours to stop");
  process.kill(pid!, "SIGINT"); // fast shutdown, as an operator or a crash would

  await expect.poll(async () => (await request.get("/api/health")).status(), { timeout: 15_000 }).toBe(503);
  const response = await page.goto("/");
  expect(response?.status()).toBe(200);
  await expect(page.getByTestId("stale-notice")).toContainText("Status data may be stale since");
  await expect(page.getByTestId("component")).toHaveCount(4);

  const summary = await request.get("/api/v2/summary.json");
  expect(summary.status()).toBe(200);
  expect(summary.headers()["x-vigil-stale"]).toBe("1");
  const body = await summary.json();
  expect(body.components).toEqual(before.components);
});
