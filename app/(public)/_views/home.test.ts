import { describe, expect, it } from "vitest";
import { fixtureSnapshot } from "@/test/fixtures/status-snapshot";
import { renderHome } from "./home";

describe("renderHome (complete HTML without JavaScript)", () => {
  const html = renderHome({ snapshot: fixtureSnapshot(), stale: false, monitoringStale: false });

  it("has the banner in words, active incident with its latest update, maintenance, grouped components", () => {
    expect(html).toContain('data-indicator="major"');
    expect(html).toContain("Partial System Outage");
    expect(html).toMatch(/Active incidents[\s\S]*API errors[\s\S]*Identified/);
    expect(html).toContain("Maintenance in progress");
    expect(html).toContain("Upcoming maintenance");
    expect(html).toContain("<h3>Website</h3>");
    // Hidden (not showcased) and Quiet (only if degraded, operational) are not listed.
    expect(html).not.toContain("Hidden");
    expect(html).not.toContain("Quiet");
    expect(html).toContain('href="/subscribe"');
    expect(html).toContain('<form method="post" action="/api/subscriptions"');
  });

  it("titles the page '<name> status' without doubling a name that already ends in 'status'", () => {
    const snapshot = fixtureSnapshot();
    const titled = (name: string) => /<title>([^<]*)<\/title>/.exec(renderHome({ snapshot: { ...snapshot, page: { ...snapshot.page, name } }, stale: false, monitoringStale: false }))?.[1];
    expect(titled("Megaphone")).toBe("Megaphone status");
    expect(titled("Megaphone status")).toBe("Megaphone status");
  });

  it("escapes names and renders Markdown without raw HTML", () => {
    // Preact escapes "<" (and "&") in text: no tag can open, so ">" may stay as it is.
    expect(html).toContain("<h1>Acme &lt;Status></h1>");
    expect(html).not.toContain("<Status>");
    expect(html).toContain("<strong>bad</strong>");
    expect(html).not.toContain("<script>alert(1)</script>");
  });

  it("draws 90 bars per component with the day's text, and one response-time chart for the component", () => {
    expect(html.match(/data-testid="bar"/g)).toHaveLength(3 * 90);
    expect(html).toMatch(/Major outage\. 1 incident: API errors\./);
    expect(html).toContain('aria-label="Response time of API"');
    expect(html).toMatch(/<polyline/);
  });

  it("times carry UTC text as the no-JS fallback", () => {
    expect(html).toContain('<time datetime="2026-11-29T12:00:00.000Z" title="2026-11-29 12:00 UTC" data-format="ago">at 2026-11-29 12:00 UTC</time>');
  });

  it("shows the stale and the monitoring notices only when they apply", () => {
    expect(html).not.toContain("may be stale");
    const stale = renderHome({ snapshot: fixtureSnapshot(), stale: true, monitoringStale: true });
    expect(stale).toMatch(/Status data may be stale since <time[^>]*>12:00 UTC<\/time>/);
    expect(stale).toContain("Monitoring is delayed.");
  });

  it("ships one small inline script and no external script", () => {
    const scripts = html.match(/<script[\s\S]*?<\/script>/g) ?? [];
    expect(scripts).toHaveLength(1);
    expect(scripts[0]!.length).toBeLessThan(2_000);
    expect(html).not.toMatch(/<script[^>]+src=/);
  });
});
