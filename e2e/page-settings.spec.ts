// Page settings in a real browser, signed in as the owner: a too-pale accent colour refused with
// its contrast ratio; name, description, accent colour and a footer link saved and seen on the
// public page; a logo (a PNG made here) uploaded and shown; the next email carries the new name.
// Everything is put back at the end: other specs expect the seeded "Vigil demo".
import { expect, test, type Page } from "@playwright/test";
import { solidPng } from "../test/fixtures/png";
import { OWNER_STATE } from "./admin-session";
import { newestMailTo } from "./captured-mail";

test.use({ storageState: OWNER_STATE });

const NAME = "Megaphone Radio";

/** The public home page once it shows `check` (a save reaches the page through the change feed). */
async function publicPageShowing(visitor: Page, check: () => Promise<void>) {
  await expect(async () => {
    await visitor.goto("/");
    await check();
  }).toPass({ timeout: 15_000 });
}

test("an owner brands the page; visitors and the next email see it", async ({ page, browser }) => {
  await page.goto("/admin");
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Page settings" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Page settings" })).toBeVisible();
  const settings = page.getByRole("region", { name: "Settings" });

  // Too pale on white: refused next to the field, naming the ratio, and nothing saved.
  await settings.getByLabel("Accent colour, light theme").fill("#ffd33d");
  await settings.getByRole("button", { name: "Save settings" }).click();
  await expect(settings.locator(".field-error")).toContainText("contrast 1.34:1 against the light theme's card (#f6f8fa) is below 4.5:1");

  await settings.locator('input[name="name"]').fill(NAME);
  await settings.getByLabel("Description").fill("Live shows and podcasts, all day.");
  await settings.getByLabel("Accent colour, light theme").fill("#8250df");
  await settings.getByLabel("Footer link 1 label").fill("Our blog");
  await settings.getByLabel("Footer link 1 address").fill("https://blog.example.com/");
  await settings.getByRole("button", { name: "Save settings" }).click();
  await expect(settings.getByText("Page settings saved.")).toBeVisible();

  const visitor = await (await browser.newContext({ colorScheme: "light" })).newPage();
  await publicPageShowing(visitor, async () => {
    await expect(visitor.getByRole("heading", { level: 1 })).toHaveText(NAME, { timeout: 1000 });
  });
  await expect(visitor).toHaveTitle(`${NAME} status`);
  await expect(visitor.getByTestId("page-description")).toHaveText("Live shows and podcasts, all day.");
  await expect(visitor.getByTestId("footer-link")).toHaveText(["Our blog"]);
  await expect(visitor.getByTestId("footer-link")).toHaveAttribute("href", "https://blog.example.com/");
  // The accent colour arrives in the page's own stylesheet, allowed by the CSP (no console error).
  await expect(visitor.getByRole("link", { name: "choose components" })).toHaveCSS("color", "rgb(130, 80, 223)");

  // A logo: uploaded in the console, shown in the public header instead of the name.
  const logo = page.getByRole("region", { name: "Logo" });
  await logo.getByLabel("Image file").setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: Buffer.from(solidPng(120, 40, [130, 80, 223])) });
  await logo.getByRole("button", { name: "Upload logo" }).click();
  await expect(logo.getByText("Logo uploaded.")).toBeVisible();
  await expect(logo.getByTestId("current-logo")).toBeVisible();
  await publicPageShowing(visitor, async () => {
    await expect(visitor.getByTestId("page-logo")).toBeVisible({ timeout: 1000 });
  });
  await expect(visitor.getByTestId("page-logo")).toHaveAttribute("alt", NAME);
  expect(await visitor.getByTestId("page-logo").evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(120);
  const logoResponse = await visitor.request.get((await visitor.getByTestId("page-logo").getAttribute("src"))!);
  expect(logoResponse.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
  expect(logoResponse.headers()["content-type"]).toBe("image/png");

  // The next email carries the new name in its subject.
  const address = `branded-${Date.now()}@example.com`;
  await visitor.getByLabel("Email address").fill(address);
  await visitor.getByRole("button", { name: "Subscribe" }).click();
  expect(await newestMailTo(address, `[${NAME}] Confirm your subscription`)).toContain("confirm");

  // Put the seeded page back.
  page.once("dialog", (dialog) => void dialog.accept());
  await logo.getByRole("button", { name: "Remove logo" }).click();
  // The removal form goes with the logo; the section says what is left.
  await expect(logo.getByText("No logo: the page shows its name.")).toBeVisible();
  await expect(logo.getByTestId("current-logo")).toHaveCount(0);
  await settings.locator('input[name="name"]').fill("Vigil demo");
  await settings.getByLabel("Description").fill("");
  await settings.getByLabel("Accent colour, light theme").fill("");
  await settings.getByLabel("Footer link 1 label").fill("");
  await settings.getByLabel("Footer link 1 address").fill("");
  await settings.getByRole("button", { name: "Save settings" }).click();
  await expect(settings.getByText("Page settings saved.")).toBeVisible();
  await publicPageShowing(visitor, async () => {
    await expect(visitor.getByRole("heading", { level: 1 })).toHaveText("Vigil demo", { timeout: 1000 });
  });
  await expect(visitor.getByTestId("page-logo")).toHaveCount(0);
});
