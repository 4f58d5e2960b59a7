// The home page by keyboard alone, on a page of 10 components (the demo's four and six more): few tab
// stops (one per day strip, not one per day), arrow keys move the day and its details follow, and
// axe finds nothing in light or dark — with a strip's tooltip open too. (Named to run after the other
// public specs, which count the demo's four components.)
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { sql } from "./e2e-database";

const EXTRA = Array.from({ length: 6 }, (_, i) => ({ id: `e2e-keyboard-${i + 1}`, name: `Extra service ${i + 1}` }));

test.beforeAll(async () => {
  await sql(`DELETE FROM "Component" WHERE id LIKE 'e2e-keyboard-%'`);
  for (const [position, { id, name }] of EXTRA.entries()) {
    await sql(`INSERT INTO "Component" (id, name, position, "updatedAt") VALUES ($1, $2, $3, now())`, [id, name, 100 + position]);
  }
});

// The page as this file found it: the specs after it count the demo's four components.
test.afterAll(async () => {
  await sql(`DELETE FROM "Component" WHERE id LIKE 'e2e-keyboard-%'`);
});

/** Loads the home page once all ten components are on it (the live stream may still be catching up). */
async function openHome(page: Page) {
  await expect(async () => {
    await page.goto("/");
    await expect(page.getByTestId("component")).toHaveCount(10, { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
}

/** What has focus, as a short description, and whether it is a day strip. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement;
    return { tag: element?.tagName ?? "", role: element?.getAttribute("role") ?? "", label: element?.getAttribute("aria-label") ?? element?.textContent?.trim().slice(0, 40) ?? "" };
  });

test("tabbing through a 10-component page takes at most 40 stops, one per day strip", async ({ page }) => {
  await openHome(page);
  const stops: { tag: string; role: string; label: string }[] = [];
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press("Tab");
    const stop = await focused(page);
    // Past the last stop focus leaves the document (BODY), then comes back to the skip link.
    if (stop.tag === "BODY" || (i > 0 && stop.label === "Skip to content")) break;
    stops.push(stop);
  }
  console.log(`tab stops: ${stops.length}`);
  expect(stops[0]?.label).toBe("Skip to content");
  expect(stops.length).toBeLessThanOrEqual(40);
  const strips = stops.filter((stop) => stop.role === "slider");
  expect(strips).toHaveLength(10);
  expect(new Set(strips.map((stop) => stop.label)).size).toBe(10);
});

test("arrow keys, Home and End move the day within a strip; the tooltip and the announced value follow", async ({ page }) => {
  await openHome(page);
  for (let i = 0; i < 40 && (await focused(page)).role !== "slider"; i++) await page.keyboard.press("Tab");
  const strip = page.locator(".days:focus");
  await expect(strip).toHaveAttribute("role", "slider");
  const tip = page.locator(".tip");
  // Focus shows today, with the day's details once the component's uptime JSON has arrived.
  await expect(strip).toHaveAttribute("aria-valuenow", "90");
  await expect(tip).toBeVisible();
  await expect(tip).toHaveText(/^\w{3} \d{1,2}, \d{4}: (No data|(\d+\.\d\d% uptime\. )?[A-Z][a-z ]+)\. (No incidents|\d+ incidents?: .+)\.$/);
  const today = await tip.textContent();
  await expect(strip).toHaveAttribute("aria-valuetext", today!);

  await page.keyboard.press("ArrowLeft");
  await expect(strip).toHaveAttribute("aria-valuenow", "89");
  await expect(tip).not.toHaveText(today!);
  await expect(tip).toHaveText(/^\w{3} \d{1,2}, \d{4}: /);
  expect(await strip.getAttribute("aria-valuetext")).toBe(await tip.textContent());
  await page.keyboard.press("Home");
  await expect(strip).toHaveAttribute("aria-valuenow", "1");
  await page.keyboard.press("ArrowLeft");
  await expect(strip).toHaveAttribute("aria-valuenow", "1");
  await page.keyboard.press("PageUp");
  await expect(strip).toHaveAttribute("aria-valuenow", "8");
  await page.keyboard.press("End");
  await expect(strip).toHaveAttribute("aria-valuenow", "90");
  await expect(tip).toHaveText(today!);

  // The tooltip of the rightmost day stays inside a phone's viewport.
  await page.setViewportSize({ width: 360, height: 740 });
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowRight");
  const box = (await tip.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(360);
  // Tab leaves the strip (one stop for its 90 days); its tooltip goes with focus.
  const name = (await strip.getAttribute("aria-label"))!;
  await page.keyboard.press("Tab");
  await expect(page.getByRole("slider", { name })).not.toBeFocused();
  if ((await focused(page)).role !== "slider") await expect(tip).toBeHidden();
});

for (const colorScheme of ["light", "dark"] as const) {
  test(`axe finds no violation at all in the ${colorScheme} scheme, with a day's tooltip open too`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await openHome(page);
    const violations = async () =>
      (await new AxeBuilder({ page }).analyze()).violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
    expect(await violations()).toEqual([]);
    await page.locator(".days").first().focus();
    await expect(page.locator(".tip")).toBeVisible();
    expect(await violations()).toEqual([]);
  });
}
