// The console's look, pinned: its main pages at a desktop and a phone width compared with the
// committed screenshots (console-screenshots.spec.ts-snapshots/), axe on each, and no page wider
// than a phone. Its own project runs it right after setup, on the seeded demo page plus one incident
// of its own, before other specs change the data (playwright.config.ts). What still moves — times,
// latencies, heartbeat ages — is masked. After a deliberate change of the console's look:
// `E2E_PORT=… npx playwright test e2e/console-screenshots.spec.ts --update-snapshots`, then look at
// the new PNGs before committing them (docs/operator-guide.md, "Tests").
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { OWNER_STATE, runEveryMonitorNow } from "./admin-session";

test.use({ storageState: OWNER_STATE, timezoneId: "UTC", colorScheme: "light" });
test.describe.configure({ mode: "serial" });

const VIEWPORTS = { desktop: { width: 1280, height: 800 }, phone: { width: 375, height: 812 } } as const;
const INCIDENT = "Slow episode downloads";
let incidentPath = "";

/** Elements whose text changes from run to run: instants, ages, latencies, datetime inputs. */
function moving(page: Page) {
  return [page.getByText(/\d{4}-\d\d-\d\d \d\d:\d\d UTC/), page.getByText(/\d+ s ago|\d+ ms\b/), page.locator('input[type="datetime-local"]')];
}

async function expectAccessible(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`)).toEqual([]);
}

test("an incident of its own, and the seeded monitors up, so every page shows the same", async ({ page }) => {
  await page.goto("/admin/incidents/new");
  await page.getByLabel("Name").fill(INCIDENT);
  await page.getByLabel("Status of Episode downloads").selectOption("degraded_performance");
  await page.getByLabel("Message (Markdown)").fill("Some listeners see **slow downloads**. We are looking into it.");
  await page.getByLabel("Notify subscribers").uncheck();
  await page.getByRole("button", { name: "Open incident" }).click();
  await expect(page.getByRole("heading", { level: 1, name: INCIDENT })).toBeVisible();
  incidentPath = new URL(page.url()).pathname;
  await runEveryMonitorNow(page);
});

const PAGES = [
  { name: "dashboard", path: () => "/admin", heading: "Dashboard" },
  { name: "incidents", path: () => "/admin/incidents", heading: "Incidents" },
  { name: "incident-editor", path: () => incidentPath, heading: INCIDENT },
  { name: "monitors", path: () => "/admin/monitors", heading: "Monitors" },
  { name: "monitor-form", path: () => "/admin/monitors/new", heading: "New monitor" },
  { name: "components", path: () => "/admin/components", heading: "Components" },
];

for (const [width, viewport] of Object.entries(VIEWPORTS)) {
  for (const shot of PAGES) {
    test(`${shot.name} at ${width} width: as committed, accessible, no sideways scrolling`, async ({ page }) => {
      await page.setViewportSize(viewport);
      await page.goto(shot.path());
      await expect(page.getByRole("heading", { level: 1, name: shot.heading })).toBeVisible();
      // Wide tables scroll inside their own box; the page itself never does.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      await expectAccessible(page);
      await expect(page).toHaveScreenshot(`${shot.name}-${width}.png`, { mask: moving(page), animations: "disabled", caret: "hide", maxDiffPixelRatio: 0.01 });
    });
  }
}

test("on a phone the menu is a disclosure that opens, and folds away once a page is chosen", async ({ page }) => {
  await page.setViewportSize(VIEWPORTS.phone);
  await page.goto("/admin");
  const nav = page.getByRole("navigation", { name: "Console" });
  await expect(nav).toBeHidden();
  await page.getByText("Menu", { exact: true }).click();
  await expect(nav).toBeVisible();
  await expectAccessible(page);
  await nav.getByRole("link", { name: "Monitors" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Monitors" })).toBeVisible();
  await expect(nav).toBeHidden();
});

test("the dark scheme is accessible too", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  for (const path of ["/admin", incidentPath, "/admin/monitors/new"]) {
    await page.goto(path);
    await expectAccessible(page);
  }
});

// Other specs expect the seeded page with nothing open, whatever happened above.
test.afterAll(async ({ browser }) => {
  if (!incidentPath) return;
  const page = await browser.newPage({ storageState: OWNER_STATE });
  await page.goto(incidentPath);
  const post = page.getByRole("region", { name: "Post an update" });
  await post.locator('select[name="status"]').selectOption("resolved");
  await post.getByLabel("Status of Episode downloads").selectOption("operational");
  await post.getByLabel("Message (Markdown)").fill("Downloads are fast again.");
  await post.getByLabel("Notify subscribers").uncheck();
  await post.getByRole("button", { name: "Post update" }).click();
  await expect(page.getByTestId("incident-status")).toContainText("resolved");
  await page.close();
});
