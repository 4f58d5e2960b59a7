// The page's branding through the public route table on a real PostgreSQL: a settings change
// reaches the cached pages (the change feed), the layout shows logo, description and links and
// links the page's stylesheet under the page's CSP; /custom.css, /logo/<sha256> and
// /favicon-status.svg answer with the caching their addresses promise.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PUBLIC_CACHE_CONTROL } from "@/lib/http/public-response";
import { UpdatePageSettings } from "@/lib/page/schemas";
import { updatePageSettings } from "@/lib/page/update-page-settings";
import { stopChangeFeed } from "@/lib/live/change-feed";
import { statusFaviconSvg } from "@/lib/public-read/status-favicon";
import { solidPng } from "@/test/fixtures/png";
import { setUpPublicSurface, type PublicFixture } from "@/test/public-fixtures";
import { ctxFor } from "@/test/verbs";
import { answerPublic } from "./_routes/public-routes";

let fixture: PublicFixture;
const ask = (path: string, init: RequestInit = {}) => answerPublic(new Request(`http://127.0.0.1${path}`, init));

/** The home page once it contains `text`: a change reaches cached responses through the change feed. */
async function homeShowing(text: string): Promise<{ html: string; response: Response }> {
  for (let attempt = 0; ; attempt++) {
    const response = await ask("/");
    const html = await response.text();
    if (html.includes(text) || attempt === 100) return { html, response };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  fixture = await setUpPublicSurface();
});
afterAll(() => stopChangeFeed());

describe("page branding on the public routes", () => {
  it("a saved change reaches the cached page: logo, description, links and the page's stylesheet", async () => {
    const before = await (await ask("/")).text();
    expect(before).toContain('<a class="page-brand" href="/" data-testid="page-brand">Vigil demo</a>');
    expect(before).not.toContain("/custom.css");

    const logo = solidPng(2, 2, [130, 80, 223]);
    const settings = await updatePageSettings({
      ctx: ctxFor(fixture.actor),
      input: UpdatePageSettings.parse({
        description: "Podcasts & radio <live>",
        supportUrl: "mailto:help@example.com",
        footerLinks: [{ label: "Blog", url: "https://blog.example.com/" }],
        accentColor: "#8250df",
        customCss: ".banner{border-radius:0}",
        logo,
      }),
    });
    const { html, response } = await homeShowing("Podcasts &amp; radio");
    expect(html).toContain(`<img src="/logo/${settings.logo?.sha256}" alt="Vigil demo" data-testid="page-logo"/>`);
    expect(html).toContain('<p class="page-description" data-testid="page-description">Podcasts &amp; radio &lt;live></p>');
    expect(html).toContain('<meta name="description" content="Podcasts &amp; radio &lt;live>"/>');
    expect(html).toContain('<a class="support-link" href="mailto:help@example.com" data-testid="support-link">Contact support</a>');
    expect(html).toContain('<footer><a href="https://blog.example.com/" data-testid="footer-link">Blog</a><a href="/">Current status</a>');
    const stylesheet = /<link rel="stylesheet" href="(\/custom\.css\?v=([0-9a-f]{16}))"\/>/.exec(html);
    expect(stylesheet).not.toBeNull();
    // The page's CSP allows same-origin stylesheets besides its own inline one, and still no inline styles of others.
    expect(response.headers.get("content-security-policy")).toMatch(/style-src 'sha256-[^']+' 'self';/);

    const css = await ask(stylesheet![1]!);
    expect(css.headers.get("content-type")).toBe("text/css; charset=utf-8");
    expect(css.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(await css.text()).toBe("@media (prefers-color-scheme:light){:root{--accent:#8250df}}\n.banner{border-radius:0}\n");
    // An old or missing version gets the current text, revalidated like a page.
    const unversioned = await ask("/custom.css?v=0000000000000000");
    expect(unversioned.headers.get("cache-control")).toBe(PUBLIC_CACHE_CONTROL);
    expect(await unversioned.text()).toContain("--accent:#8250df");
  });

  it("serves a logo by its hash for a year, and nothing under any other hash", async () => {
    const logo = solidPng(3, 3, [9, 105, 218]);
    const settings = await updatePageSettings({ ctx: ctxFor(fixture.actor), input: UpdatePageSettings.parse({ logo }) });
    const response = await ask(settings.logo!.path);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(logo);
    const again = await ask(settings.logo!.path, { headers: { "If-None-Match": response.headers.get("etag")! } });
    expect(again.status).toBe(304);
    expect((await ask(`/logo/${"0".repeat(64)}`)).status).toBe(404);
    expect((await ask("/logo/not-a-hash")).status).toBe(404);
  });

  it("colours the favicon by the page indicator", async () => {
    const { status } = await (await ask("/api/v2/status.json")).json();
    const favicon = await ask("/favicon-status.svg");
    expect(favicon.headers.get("content-type")).toBe("image/svg+xml; charset=utf-8");
    expect(await favicon.text()).toBe(statusFaviconSvg(status.indicator));
    expect(statusFaviconSvg("critical")).toContain('fill="#cf222e"');
    expect(statusFaviconSvg("none")).toContain('fill="#1a7f37"');
  });
});
