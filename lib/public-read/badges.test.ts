import { describe, expect, it } from "vitest";
import { FIXTURE_NOW, fixtureSnapshot } from "../../test/fixtures/status-snapshot";
import { badgeSvg, certificateBadge, resolveBadge, shieldsEndpoint } from "./badges";

const snapshot = fixtureSnapshot();

describe("badges", () => {
  it("the page badge says the page's status in words", () => {
    expect(resolveBadge(snapshot, null, "status")).toEqual({ label: "Acme <Status>", message: "Partial System Outage", color: "#bc4c00" });
    expect(resolveBadge(snapshot, null, "uptime")).toBeNull();
  });

  it("component badges by id or case-insensitive name; unknown → null", () => {
    expect(resolveBadge(snapshot, "cmp-api", "status")).toMatchObject({ label: "API", message: "major outage" });
    expect(resolveBadge(snapshot, "cdn", "status")).toMatchObject({ label: "CDN", message: "operational" });
    expect(resolveBadge(snapshot, "API", "uptime")).toMatchObject({ label: "API uptime", message: "99.00%", color: "#9a6700" });
    expect(resolveBadge(snapshot, "nope", "status")).toBeNull();
  });

  it("certificate days from the monitor's newest certificate; expiring, expired and unknown", () => {
    const monitor = { id: "mon-api", name: "API health", certExpiresAt: "2026-12-09T12:00:00.000Z" };
    expect(certificateBadge(monitor, FIXTURE_NOW)).toEqual({ label: "certificate", message: "10 days left", color: "#bc4c00" });
    expect(certificateBadge(monitor, new Date("2026-12-09T00:00:00Z"))).toMatchObject({ message: "0 days left", color: "#cf222e" });
    expect(certificateBadge(monitor, new Date("2026-12-10T00:00:00Z"))).toMatchObject({ message: "expired", color: "#cf222e" });
    expect(certificateBadge({ ...monitor, certExpiresAt: null }, FIXTURE_NOW)).toMatchObject({ message: "unknown" });
  });

  it("SVG escapes text and carries it as title and label; shields endpoint JSON has schemaVersion 1", () => {
    const svg = badgeSvg({ label: "a<b", message: "ok & fine", color: "#1a7f37" });
    expect(svg).toContain('aria-label="a&lt;b: ok &amp; fine"');
    expect(svg).toContain("<title>a&lt;b: ok &amp; fine</title>");
    expect(svg).not.toContain("a<b");
    expect(shieldsEndpoint({ label: "API", message: "operational", color: "#1a7f37" })).toEqual({ schemaVersion: 1, label: "API", message: "operational", color: "1a7f37" });
  });
});
