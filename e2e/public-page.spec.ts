import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { sql } from "./e2e-database";

const INCIDENT_ID = "e2e-incident-1";
let cmsStatusBefore = "";

test.beforeAll(async () => {
  // An open incident on CMS, as an admin would post it (SQL stands in for the console here).
  await sql(`DELETE FROM "Incident" WHERE id = $1`, [INCIDENT_ID]);
  const [cms] = await sql<{ id: string; status: string }>(`SELECT id, status FROM "Component" WHERE name = 'CMS'`);
  cmsStatusBefore = cms!.status;
  await sql(
    `INSERT INTO "Incident" (id, kind, name, status, impact, source, "startedAt", "identifiedAt", "createdAt", "updatedAt")
     VALUES ($1, 'incident', 'CMS is slow', 'identified', 'minor', 'manual', now() - interval '20 minutes', now(), now(), now())`,
    [INCIDENT_ID],
  );
  await sql(`INSERT INTO "IncidentComponent" ("incidentId", "componentId", status) VALUES ($1, $2, 'degraded_performance')`, [INCIDENT_ID, cms!.id]);
  await sql(
    `INSERT INTO "IncidentUpdate" (id, "incidentId", status, body, "displayAt", "createdAt", "updatedAt") VALUES
     ('e2e-update-1', $1, 'investigating', 'Looking into **slowness**.', now() - interval '20 minutes', now() - interval '20 minutes', now()),
     ('e2e-update-2', $1, 'identified', 'A slow query; fixing it.', now(), now(), now())`,
    [INCIDENT_ID],
  );
  await sql(`UPDATE "Component" SET status = 'degraded_performance' WHERE id = $1`, [cms!.id]);

  // Rollups as the worker's five-minute job writes them: yesterday a partial outage on the status
  // page's component, and a day of hourly response times for its monitor and so for the component.
  const [statusPage] = await sql<{ id: string; monitor: string }>(
    `SELECT c.id, m.id AS monitor FROM "Component" c JOIN "Monitor" m ON m."componentId" = c.id WHERE c.name = 'Status page'`,
  );
  await sql(
    `INSERT INTO "ComponentRollup" ("componentId", granularity, "bucketStart", "operationalSeconds", "partialOutageSeconds")
     VALUES ($1, 'day', date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' - interval '1 day', 82800, 3600)
     ON CONFLICT DO NOTHING`,
    [statusPage!.id],
  );
  await sql(
    `INSERT INTO "MonitorRollup" ("monitorId", granularity, "bucketStart", checks, "upChecks", "latencySumMs", "latencyCount", "latencyMaxMs")
     SELECT $1, 'hour', date_trunc('hour', now()) - h * interval '1 hour', 60, 60, 60 * (40 + h * 3), 60, 200
     FROM generate_series(1, 23) AS h ON CONFLICT DO NOTHING`,
    [statusPage!.monitor],
  );
  await sql(
    `INSERT INTO "ComponentRollup" ("componentId", granularity, "bucketStart", "latencySumMs", "latencyCount", "latencyMaxMs")
     SELECT $1, 'hour', date_trunc('hour', now()) - h * interval '1 hour', 60 * (40 + h * 3), 60, 200
     FROM generate_series(1, 23) AS h ON CONFLICT DO NOTHING`,
    [statusPage!.id],
  );
});

// The page as this file found it, whichever spec runs next: no open incident of ours on CMS.
test.afterAll(async () => {
  await sql(`DELETE FROM "Incident" WHERE id = $1`, [INCIDENT_ID]);
  await sql(`UPDATE "Component" SET status = $1 WHERE name = 'CMS'`, [cmsStatusBefore]);
});

test("home: banner, active incident, grouped components with a 90-day strip; hovering a day shows it, inside the viewport", async ({ page }) => {
  const response = await page.goto("/");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: "Vigil demo" })).toBeVisible();
  await expect(page.getByTestId("banner")).toContainText("Partially Degraded Service");
  await expect(page.getByTestId("active-incident")).toContainText("CMS is slow");
  await expect(page.getByTestId("active-incident")).toContainText("A slow query; fixing it.");
  await expect(page.getByTestId("group").locator("h3")).toHaveText(["Website", "Publishing"]);
  await expect(page.getByTestId("component")).toHaveCount(4);
  const cms = page.getByTestId("component").filter({ hasText: "CMS" });
  await expect(cms).toContainText("Degraded performance");
  const strip = cms.getByRole("slider", { name: "CMS, last 90 days" });
  await expect(strip).toHaveAttribute("aria-valuemax", "90");

  // Today's bar is the strip's right end: its tooltip stays inside the viewport, not cut at the card.
  const box = (await strip.boundingBox())!;
  await strip.hover({ position: { x: box.width - 2, y: box.height / 2 } });
  const tip = page.locator(".tip");
  await expect(tip).toBeVisible();
  await expect(tip).toHaveText(/^\w{3} \d{1,2}, \d{4}: .+ incidents?: .*CMS is slow/);
  await expect(tip).toContainText("CMS is slow");
  await expect(strip).toHaveAttribute("aria-valuenow", "90");
  const tipBox = (await tip.boundingBox())!;
  expect(tipBox.x).toBeGreaterThanOrEqual(0);
  expect(tipBox.x + tipBox.width).toBeLessThanOrEqual(page.viewportSize()!.width);
  // Moving away hides it; Escape hides it too.
  await page.mouse.move(1, 1);
  await expect(tip).toBeHidden();
  await strip.hover({ position: { x: 2, y: box.height / 2 } });
  await expect(strip).toHaveAttribute("aria-valuenow", "1");
  await expect(tip).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(tip).toBeHidden();

  // Groups collapse.
  await page.getByTestId("group").first().locator("summary").click();
  await expect(page.getByTestId("group").first().getByTestId("component").first()).toBeHidden();
});

test("bars are coloured by the day's worst status and say it in words; response times per window with figures", async ({ page }) => {
  await page.goto("/");
  const statusPage = page.getByTestId("component").filter({ hasText: "Status page" });
  // Yesterday (day 89 of 90) is drawn in the partial-outage colour.
  await expect(statusPage.locator("path.d-partial_outage")).toHaveAttribute("d", /(^|[^\d])88 \.5h1/);
  const strip = statusPage.getByRole("slider");
  await strip.focus();
  await page.keyboard.press("ArrowLeft");
  await expect(strip).toHaveAttribute("aria-valuetext", /: 98\.75% uptime\. Partial outage\. No incidents\.$/);
  await expect(page.locator(".tip")).toHaveText(/: 98\.75% uptime\. Partial outage\. No incidents\.$/);
  await expect(statusPage).toContainText("98.75% uptime in 90 days");
  const chart = statusPage.getByRole("group", { name: "Response time of Status page" });
  await expect(chart.locator(".c24")).toBeVisible();
  await expect(chart.locator(".c24 p")).toHaveText(/^Average \d+ ms, highest \d+ ms, latest \d+ ms$/);
  await expect(chart.locator(".c24 .plot")).toContainText(/\d+ ms/);
  await expect(chart.locator(".c7")).toBeHidden();
  await chart.getByText("7 d").click();
  await expect(chart.locator(".c7")).toBeVisible();
  await expect(chart.locator(".c24")).toBeHidden();
  // Keyboard: the window choice is a radio group.
  await chart.locator("input").nth(1).focus();
  await page.keyboard.press("ArrowRight");
  await expect(chart.locator(".c30")).toBeVisible();
});

test("opening an incident shows its timeline newest first and its components", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: "CMS is slow" }).click();
  await expect(page).toHaveURL(new RegExp(`/incidents/${INCIDENT_ID}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("CMS is slow");
  await expect(page.getByTestId("timeline").locator(".update-status")).toHaveText(["Identified", "Investigating"]);
  await expect(page.getByTestId("affected-components")).toHaveText("CMS");
  await expect(page.getByTestId("timeline").locator("strong")).toHaveText("slowness");
  expect((await page.goto("/incidents/no-such-incident"))?.status()).toBe(404);
});

test("the page updates itself after an admin-side change, without a reload", async ({ page }) => {
  await page.goto("/");
  const downloads = page.getByTestId("component").filter({ hasText: "Episode downloads" });
  await expect(downloads).toContainText("Operational");
  await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
  // Give the EventSource a moment to connect.
  await page.waitForTimeout(500);
  await sql(`UPDATE "Component" SET status = 'major_outage' WHERE name = 'Episode downloads'`);
  await expect(downloads).toContainText("Major outage", { timeout: 10_000 });
  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  await sql(`UPDATE "Component" SET status = 'operational' WHERE name = 'Episode downloads'`);
  await expect(downloads).toContainText("Operational", { timeout: 10_000 });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("the page is complete server-rendered HTML with UTC times", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByTestId("banner")).toBeVisible();
    await expect(page.getByTestId("component")).toHaveCount(4);
    // The strips are pictures with a text alternative, not tab stops; each component sums its 90 days up.
    await expect(page.locator(".days svg")).toHaveCount(4);
    await expect(page.locator(".days[tabindex]")).toHaveCount(0);
    await expect(page.getByRole("img", { name: /^\d+ days? / }).first()).toBeVisible();
    await expect(page.getByTestId("component").filter({ hasText: "CMS" })).toContainText(/uptime in 90 days|No uptime data yet/);
    await expect(page.locator("time[data-format=ago]")).toHaveText(/^at \d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
    await page.getByRole("link", { name: "CMS is slow" }).click();
    await expect(page.getByTestId("timeline")).toContainText("A slow query");
  });
});

test("times are shown in the visitor's time zone, UTC on hover", async ({ browser }) => {
  const context = await browser.newContext({ timezoneId: "Asia/Tokyo", locale: "en-US" });
  const page = await context.newPage();
  await page.goto(`/incidents/${INCIDENT_ID}`);
  const time = page.locator(".update time").first();
  await expect(time).toHaveAttribute("title", /UTC$/);
  const [iso, text] = await time.evaluate((el) => [el.getAttribute("datetime")!, el.textContent!]);
  const tokyo = new Intl.DateTimeFormat("en-US", { timeStyle: "short", timeZone: "Asia/Tokyo" }).format(new Date(iso));
  expect(text).toContain(tokyo);
  await context.close();
});

test("accessibility: no serious or critical axe violations, light and dark (screenshots saved)", async ({ page }, testInfo) => {
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    await page.goto("/");
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`)).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath(`public-page-${colorScheme}.png`), fullPage: true });
    await page.goto(`/incidents/${INCIDENT_ID}`);
    const incident = await new AxeBuilder({ page }).analyze();
    expect(incident.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  }
});

test("the public page's JavaScript stays under 60 KB gzipped and is all first-party", async ({ page }) => {
  const scripts: string[] = [];
  page.on("request", (request) => {
    if (request.resourceType() === "script") scripts.push(request.url());
  });
  await page.goto("/");
  const html = await (await page.request.get("/")).text();
  const inline = (html.match(/<script>[\s\S]*?<\/script>/g) ?? []).join("");
  const { gzipSync } = await import("node:zlib");
  const inlineGzip = gzipSync(inline).length;
  console.log(`public page JS: ${scripts.length} external scripts, inline ${inline.length} B (${inlineGzip} B gzipped)`);
  expect(scripts).toEqual([]);
  expect(inlineGzip).toBeLessThan(60 * 1024);
  // No public page loads a script: no framework JS from /_next on any of them.
  for (const path of ["/history", "/uptime", `/incidents/${INCIDENT_ID}`, "/subscribe", "/subscribe/confirm?token=t", "/no-such-page"]) {
    await page.goto(path);
    expect(await page.locator("script[src]").count(), path).toBe(0);
  }
  expect(scripts).toEqual([]);
});

test("API, feeds and badges answer through the response cache with ETag → 304", async ({ request }) => {
  await request.get("/");
  expect((await request.get("/")).headers()["x-vigil-cache"]).toBe("hit");
  for (const path of ["/api/v2/summary.json", "/history.atom", "/history.rss", "/badge/status.svg", "/badge/CMS/status.json", "/history", "/uptime"]) {
    const first = await request.get(path);
    expect(first.status(), path).toBe(200);
    const etag = first.headers().etag!;
    expect(etag, path).toBeTruthy();
    expect(first.headers()["access-control-allow-origin"]).toBe("*");
    const again = await request.get(path, { headers: { "If-None-Match": etag } });
    expect(again.status(), path).toBe(304);
  }
});

test("the first tab stop skips to the content; the favicon is served", async ({ page, request }) => {
  await page.goto("/");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport(); // hidden until focused, then visible
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#main$/);
  for (const [path, type] of [["/favicon.ico", /^image\/(x-icon|vnd\.microsoft\.icon)/], ["/favicon.svg", /^image\/svg\+xml/], ["/favicon-status.svg", /^image\/svg\+xml/]] as const) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    expect(response.headers()["content-type"], path).toMatch(type);
  }
  expect((await page.evaluate(() => [...document.querySelectorAll('link[rel="icon"]')].map((link) => link.getAttribute("href"))))).toEqual(["/favicon-status.svg", "/favicon.ico"]);
});
