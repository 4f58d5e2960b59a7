// The screenshots in docs/screenshots/ (run by playwright.docs.config.ts, `npm run docs:screenshots`):
// the public page, the console's dashboard and its incident editor, with one incident of two updates
// open on the demo page. Viewport-sized, 1280 px wide, so each stays well under 200 KB.
import { stat } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { runEveryMonitorNow } from "./admin-session";

test.describe.configure({ mode: "serial" });

const SHOTS = "docs/screenshots";
let incidentPath = "";

async function shoot(page: Page, name: string) {
  const path = `${SHOTS}/${name}.png`;
  await page.screenshot({ path, animations: "disabled", caret: "hide" });
  // A guard against a page that grew by accident (a whole-page shot, a huge table).
  expect((await stat(path)).size).toBeLessThan(200_000);
}

test("an incident with two updates on the demo page", async ({ page }) => {
  await page.goto("/admin/incidents/new");
  await page.getByLabel("Name").fill("Slow episode downloads");
  await page.getByLabel("Status of Episode downloads").selectOption("degraded_performance");
  await page.getByLabel("Message (Markdown)").fill("Some listeners see **slow downloads** of new episodes. We are looking into it.");
  await page.getByLabel("Notify subscribers").uncheck();
  await page.getByRole("button", { name: "Open incident" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Slow episode downloads" })).toBeVisible();
  incidentPath = new URL(page.url()).pathname;
  const post = page.getByRole("region", { name: "Post an update" });
  await post.locator('select[name="status"]').selectOption("identified");
  await post.getByLabel("Message (Markdown)").fill("One storage node is overloaded; traffic is moving to the others.");
  await post.getByLabel("Notify subscribers").uncheck();
  await post.getByRole("button", { name: "Post update" }).click();
  await expect(page.getByTestId("incident-status")).toContainText("identified");
  await runEveryMonitorNow(page);
});

test("public page", async ({ page }) => {
  await expect(async () => {
    await page.goto("/");
    await expect(page.getByText("Slow episode downloads").first()).toBeVisible({ timeout: 1_000 });
  }).toPass();
  await shoot(page, "public-page");
});

test("console dashboard", async ({ page }) => {
  await page.goto("/admin");
  await shoot(page, "console-dashboard");
});

test("incident editor", async ({ page }) => {
  await page.goto(incidentPath);
  await shoot(page, "incident-editor");
});
