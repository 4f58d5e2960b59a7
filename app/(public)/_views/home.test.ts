import { describe, expect, it } from "vitest";
import { translator } from "@/lib/i18n/translator";
import { fixtureSnapshot } from "@/test/fixtures/status-snapshot";
import { renderHome } from "./home";

describe("renderHome (complete HTML without JavaScript)", () => {
  const html = renderHome({ snapshot: fixtureSnapshot(), stale: false, monitoringStale: false }, translator("en"));

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
    const titled = (name: string) => /<title>([^<]*)<\/title>/.exec(renderHome({ snapshot: { ...snapshot, page: { ...snapshot.page, name } }, stale: false, monitoringStale: false }, translator("en")))?.[1];
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

  it("draws each component's 90 days as one SVG strip (a path per status, no element per day) with a text summary", () => {
    expect(html.match(/<div class="days" role="group"/g)).toHaveLength(3);
    expect(html).not.toContain("<button type=\"button\" class=\"bar");
    const api = /<li[^>]*data-component-id="cmp-api"[\s\S]*?<\/li>/.exec(html)![0];
    expect(api).toContain('aria-label="API, last 90 days"');
    expect(api).toContain('<path class="d-major_outage" d="M88 .5h1"></path>');
    expect(api).toContain('aria-label="30 days without data, 59 days operational, 1 day major outage"');
    expect(api).toContain("99.00% uptime in 90 days");
    // The script reads the days' dates from here: the first of the 90 days.
    expect(html).toContain('<section aria-labelledby="components-heading" data-from="2026-09-01">');
  });

  it("shows response-time figures on screen with axes, and 'Collecting data…' for a window with too few points", () => {
    const api = /<li[^>]*data-component-id="cmp-api"[\s\S]*?<\/li>/.exec(html)![0];
    expect(api).toContain('aria-label="Response time of API"');
    expect(api).toContain('<div class="c24"><p>Average <b>150 ms</b>, highest <b>400 ms</b>, latest <b>180 ms</b></p>');
    expect(api).toMatch(/<div class="plot" aria-hidden="true"><span>200 ms<\/span><svg viewBox="0 0 24 40"/);
    expect(api).toContain('<p class="c30 muted">Collecting data…</p>');
    // Components without any response time have no chart.
    const loose = /<li[^>]*data-component-id="cmp-loose"[\s\S]*?<\/li>/.exec(html)![0];
    expect(loose).not.toContain('class="chart"');
  });

  it("times carry UTC text as the no-JS fallback", () => {
    expect(html).toContain('<time datetime="2026-11-29T12:00:00.000Z" title="2026-11-29 12:00 UTC" data-format="ago">at 2026-11-29 12:00 UTC</time>');
  });

  it("shows the stale and the monitoring notices only when they apply", () => {
    expect(html).not.toContain("may be stale");
    const stale = renderHome({ snapshot: fixtureSnapshot(), stale: true, monitoringStale: true }, translator("en"));
    expect(stale).toMatch(/Status data may be stale since <time[^>]*>12:00 UTC<\/time>/);
    expect(stale).toContain("Monitoring is delayed.");
  });

  it("ships one small inline script and no external script", () => {
    const scripts = html.match(/<script[\s\S]*?<\/script>/g) ?? [];
    expect(scripts).toHaveLength(1);
    expect(scripts[0]!.length).toBeLessThan(5_000);
    expect(html).not.toMatch(/<script[^>]+src=/);
  });
});
