// The status widget framed by another site — a page Playwright serves at http://localhost:<port>, another
// origin than the app's http://127.0.0.1:<port> (and local too, so Chromium's private network rules
// let it load the frames):
// /embed shows inside the frame, the status page itself refuses to be framed, and the badge loads
// as an image there.
import { expect, test } from "@playwright/test";

test("another site can frame the status widget and show the badge, but not the status page", async ({ page, baseURL }) => {
  const otherSite = `${baseURL!.replace("127.0.0.1", "localhost")}/other-site`;
  await page.route(otherSite, (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<!DOCTYPE html><title>Other site</title>
        <iframe id="widget" src="${baseURL}/embed" title="Service status" width="320" height="56" style="border:0"></iframe>
        <iframe id="page" src="${baseURL}/" title="Status page" width="320" height="200"></iframe>
        <img id="badge" src="${baseURL}/badge/status.svg" alt="Status">`,
    }),
  );
  const widgetResponse = page.waitForResponse(`${baseURL}/embed`);
  const pageResponse = page.waitForResponse(`${baseURL}/`);
  await page.goto(otherSite);
  expect((await widgetResponse).status()).toBe(200);
  expect((await pageResponse).headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  const widget = page.frameLocator("#widget").getByTestId("embed");
  await expect(widget).toContainText("Vigil demo");
  await expect(widget).toHaveAttribute("target", "_blank");
  // The status page keeps FRAME_ANCESTORS' default: its frame shows no page.
  await expect(page.frameLocator("#page").getByRole("heading", { level: 1, name: "Vigil demo" })).toHaveCount(0);
  await expect.poll(() => page.locator("#badge").evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
});
