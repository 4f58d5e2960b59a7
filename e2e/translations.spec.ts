// Translations in a real browser: the browser's language (Playwright's locale sets navigator.language
// and Accept-Language) picks German; the page's own setting is what a visitor whose browser names no
// language we have reads. The inline script's words and dates follow the page's language too.
import { expect, test } from "@playwright/test";
import { sql } from "./e2e-database";

test.describe("a visitor whose browser prefers German", () => {
  test.use({ locale: "de-DE" });

  test("reads the home page in German, the script's live words and the day strip's details included", async ({ page }) => {
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "de");
    await expect(page.getByRole("heading", { name: "Komponenten", level: 2 })).toBeVisible();
    await expect(page.getByRole("link", { name: "Zum Inhalt springen" })).toBeAttached();
    // "Updated 3 s ago", rewritten every second by the script in the page's language.
    await expect(page.locator("p.updated time")).toHaveText(/^vor \d+ (s|Min\.)$/);
    const strip = page.locator(".days").first();
    await expect(strip).toHaveAttribute("aria-label", /, letzte 90 Tage$/);
    await strip.focus();
    await expect(strip).toHaveAttribute("aria-valuetext", /Störung|Keine Daten/);
  });

  test("subscribes in German", async ({ page }) => {
    await page.goto("/subscribe");
    await expect(page.getByRole("heading", { name: "Benachrichtigungen abonnieren", level: 1 })).toBeVisible();
    await expect(page.getByRole("form", { name: "Benachrichtigungen abonnieren" }).getByLabel("E-Mail-Adresse")).toBeVisible();
    await expect(page.getByRole("button", { name: "Abonnieren", exact: true })).toBeVisible();
  });
});

test.describe("a page set to Spanish", () => {
  // French is not offered: this visitor has no preference we can serve, so the page's own language applies.
  test.use({ locale: "fr-FR" });
  test.beforeAll(() => sql(`UPDATE "Page" SET language = 'es' WHERE id = 'page'`));
  test.afterAll(() => sql(`UPDATE "Page" SET language = 'en' WHERE id = 'page'`));

  test("is read in Spanish by a visitor without a preference, and in English by one who asks", async ({ page, browser, baseURL }) => {
    // The change reaches the page through Postgres (trigger → NOTIFY → the response cache moves on).
    await expect(async () => {
      await page.goto("/");
      await expect(page.locator("html")).toHaveAttribute("lang", "es", { timeout: 1_000 });
    }).toPass({ timeout: 15_000 });
    await expect(page.getByRole("heading", { name: "Componentes", level: 2 })).toBeVisible();
    await page.goto("/subscribe");
    await expect(page.getByRole("heading", { name: "Suscribirse a los avisos", level: 1 })).toBeVisible();

    const english = await browser.newContext({ locale: "en-GB", baseURL });
    try {
      const englishPage = await english.newPage();
      await englishPage.goto("/");
      await expect(englishPage.locator("html")).toHaveAttribute("lang", "en");
      await expect(englishPage.getByRole("heading", { name: "Components", level: 2 })).toBeVisible();
    } finally {
      await english.close();
    }
  });
});
