// The weight of the home page (issue #17): a page of 50 components, each with 90 days, a week of
// hourly and a month of daily response times, rendered whole through the one layout from the large
// fixture, stays at or under 150 KB of uncompressed HTML — what a phone downloads and parses.
import { describe, expect, it } from "vitest";
import { translator } from "@/lib/i18n/translator";
import { largeSnapshot } from "@/test/fixtures/status-snapshot";
import { renderHome } from "./home";

describe("the home page of 50 components", () => {
  const html = renderHome({ snapshot: largeSnapshot(50), stale: false, monitoringStale: false }, translator("en"));

  it("is at most 150 KB of HTML", () => {
    expect(html.match(/data-testid="component"/g)).toHaveLength(50);
    expect(Buffer.byteLength(html, "utf8")).toBeLessThanOrEqual(150 * 1024);
  });

  it("has no element per day: one strip and at most three plots per component, no buttons", () => {
    expect(html.match(/<div class="days"/g)).toHaveLength(50);
    expect(html.match(/<svg/g)).toHaveLength(50 * 4);
    expect(html).not.toContain("<button type=\"button\"");
  });
});
