// The status widget framed by another site — a page served from another origin (127.0.0.1 on a port
// of its own; local, so Chromium's private-network rules let it load the frames): /embed shows inside
// the frame, the status page itself refuses to be framed, and the badge loads as an image there.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";

test("another site can frame the status widget and show the badge, but not the status page", async ({ page, baseURL }) => {
  const otherSite = createServer((_request, response) => {
    response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    response.end(`<!DOCTYPE html><title>Other site</title>
      <iframe id="widget" src="${baseURL}/embed" title="Service status" width="320" height="56" style="border:0"></iframe>
      <iframe id="page" src="${baseURL}/" title="Status page" width="320" height="200"></iframe>
      <img id="badge" src="${baseURL}/badge/status.svg" alt="Status">`);
  });
  await new Promise<void>((resolve) => otherSite.listen(0, "127.0.0.1", resolve));
  try {
    const widgetResponse = page.waitForResponse(`${baseURL}/embed`);
    const pageResponse = page.waitForResponse(`${baseURL}/`);
    await page.goto(`http://127.0.0.1:${(otherSite.address() as AddressInfo).port}/`);
    expect((await widgetResponse).status()).toBe(200);
    expect((await pageResponse).headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
    const widget = page.frameLocator("#widget").getByTestId("embed");
    await expect(widget).toContainText("Vigil demo");
    await expect(widget).toHaveAttribute("target", "_blank");
    // The status page keeps FRAME_ANCESTORS' default: its frame shows no page.
    await expect(page.frameLocator("#page").getByRole("heading", { level: 1, name: "Vigil demo" })).toHaveCount(0);
    await expect.poll(() => page.locator("#badge").evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  } finally {
    otherSite.close();
  }
});
