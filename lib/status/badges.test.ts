import { describe, expect, it } from "vitest";
import { FIXTURE_NOW, fixtureSnapshot } from "../../test/fixtures/status-snapshot";
import { badgeSvg, resolveBadge, shieldsEndpoint } from "./badges";

const snapshot = fixtureSnapshot();

describe("badges", () => {
  it("the page badge says the page's status in words", () => {
    expect(resolveBadge(snapshot, null, "status", FIXTURE_NOW)).toEqual({ label: "Acme <Status>", message: "Partial System Outage", color: "#bc4c00" });
    expect(resolveBadge(snapshot, null, "uptime", FIXTURE_NOW)).toBeNull();
  });

  it("component badges by id or case-insensitive name; unknown → null", () => {
    expect(resolveBadge(snapshot, "cmp-api", "status", FIXTURE_NOW)).toMatchObject({ label: "API", message: "major outage" });
    expect(resolveBadge(snapshot, "cdn", "status", FIXTURE_NOW)).toMatchObject({ label: "CDN", message: "operational" });
    expect(resolveBadge(snapshot, "API", "uptime", FIXTURE_NOW)).toMatchObject({ label: "API uptime", message: "99.00%", color: "#9a6700" });
    expect(resolveBadge(snapshot, "nope", "status", FIXTURE_NOW)).toBeNull();
  });

  it("certificate days from the monitor's newest certificate; expired, unknown and unknown monitor", () => {
    expect(resolveBadge(snapshot, "mon-api", "cert-days", FIXTURE_NOW)).toEqual({ label: "certificate", message: "10 days left", color: "#bc4c00" });
    expect(resolveBadge(snapshot, "API health", "cert-days", new Date("2026-12-10T00:00:00Z"))).toMatchObject({ message: "expired", color: "#cf222e" });
    const noCert = { ...snapshot, monitors: snapshot.monitors.map((m) => ({ ...m, certExpiresAt: null })) };
    expect(resolveBadge(noCert, "mon-api", "cert-days", FIXTURE_NOW)).toMatchObject({ message: "unknown" });
    expect(resolveBadge(snapshot, "cmp-api", "cert-days", FIXTURE_NOW)).toBeNull();
  });

  it("SVG escapes text and carries it as title and label; shields endpoint JSON has schemaVersion 1", () => {
    const svg = badgeSvg({ label: "a<b", message: "ok & fine", color: "#1a7f37" });
    expect(svg).toContain('aria-label="a&lt;b: ok &amp; fine"');
    expect(svg).toContain("<title>a&lt;b: ok &amp; fine</title>");
    expect(svg).not.toContain("a<b");
    expect(shieldsEndpoint({ label: "API", message: "operational", color: "#1a7f37" })).toEqual({ schemaVersion: 1, label: "API", message: "operational", color: "1a7f37" });
  });
});
