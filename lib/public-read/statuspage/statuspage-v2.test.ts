import { describe, expect, it } from "vitest";
import { fixtureSnapshot } from "../../../test/fixtures/status-snapshot";
import {
  ActiveOrUpcomingMaintenancesResponseV2,
  ComponentsResponseV2,
  ComponentUptimeResponseV2,
  IncidentsResponseV2,
  ScheduledMaintenancesResponseV2,
  StatusResponseV2,
  SummaryV2,
  UnresolvedIncidentsResponseV2,
} from "./schemas";
import {
  activeMaintenancesV2,
  componentsV2,
  componentUptimeV2,
  incidentsV2,
  scheduledMaintenancesV2,
  statusV2,
  summaryV2,
  unresolvedIncidentsV2,
  upcomingMaintenancesV2,
} from "./statuspage-v2";
import { formatZonedIso } from "./zoned-time";

const snapshot = fixtureSnapshot();

describe("Statuspage v2 mappers (fixture snapshot)", () => {
  it("every endpoint's body passes the strict schema of Atlassian's shape", () => {
    expect(() => SummaryV2.parse(summaryV2(snapshot))).not.toThrow();
    expect(() => StatusResponseV2.parse(statusV2(snapshot))).not.toThrow();
    expect(() => ComponentsResponseV2.parse(componentsV2(snapshot))).not.toThrow();
    expect(() => IncidentsResponseV2.parse(incidentsV2(snapshot))).not.toThrow();
    expect(() => UnresolvedIncidentsResponseV2.parse(unresolvedIncidentsV2(snapshot))).not.toThrow();
    expect(() => ScheduledMaintenancesResponseV2.parse(scheduledMaintenancesV2(snapshot))).not.toThrow();
    expect(() => ActiveOrUpcomingMaintenancesResponseV2.parse(upcomingMaintenancesV2(snapshot))).not.toThrow();
    expect(() => ActiveOrUpcomingMaintenancesResponseV2.parse(activeMaintenancesV2(snapshot))).not.toThrow();
    expect(() => ComponentUptimeResponseV2.parse(componentUptimeV2(snapshot, "cmp-api"))).not.toThrow();
  });

  it("the page object uses the page's zone for timestamps, with milliseconds and offset", () => {
    expect(statusV2(snapshot)).toEqual({
      page: { id: "page", name: "Acme <Status>", url: "https://status.example.com", time_zone: "America/New_York", updated_at: "2026-11-01T07:00:00.000-05:00" },
      status: { indicator: "major", description: "Partial System Outage" },
    });
  });

  it("lists ungrouped components, then each group followed by its members, positions from 1", () => {
    const { components } = componentsV2(snapshot);
    expect(components.map((c) => [c.position, c.name, c.group, c.group_id])).toEqual([
      [1, "Loose", false, null],
      [2, "Website", true, null],
      [3, "API", false, "grp-web"],
      [4, "CDN", false, "grp-web"],
      [5, "Hidden", false, "grp-web"],
      [6, "Quiet", false, "grp-web"],
      [7, "Nothing here", true, null],
    ]);
    const website = components[1];
    expect(website).toMatchObject({ status: "major_outage", components: ["cmp-api", "cmp-cdn", "cmp-hidden", "cmp-quiet"], showcase: false, start_date: null });
    expect(components[2]).toMatchObject({ start_date: "2026-01-01", showcase: true, only_show_if_degraded: false, page_id: "page" });
    expect(components[5]).toMatchObject({ only_show_if_degraded: true });
    expect(components[4]).toMatchObject({ showcase: false });
  });

  it("maps incidents with every key: updates newest first, affected components, nulls where Vigil has none", () => {
    const [open, resolved] = incidentsV2(snapshot).incidents;
    expect(open).toMatchObject({
      id: "inc-open",
      status: "identified",
      impact: "major",
      shortlink: "https://status.example.com/incidents/inc-open",
      monitoring_at: null,
      resolved_at: null,
      started_at: "2026-11-29T05:30:00.000-05:00",
      postmortem_body: null,
    });
    expect(open?.components.map((c) => c.id)).toEqual(["cmp-api"]);
    expect(open?.incident_updates.map((u) => [u.id, u.status, u.deliver_notifications])).toEqual([
      ["upd-2", "identified", true],
      ["upd-1", "investigating", false],
    ]);
    expect(open?.incident_updates[0]).toMatchObject({
      affected_components: [{ code: "cmp-api", name: "API", old_status: "partial_outage", new_status: "major_outage" }],
      custom_tweet: null,
      tweet_id: null,
      body: "Found it: a **bad** deploy. <script>alert(1)</script>",
    });
    expect(open?.incident_updates[1]?.affected_components).toBeNull();
    // A component that no longer exists is left out rather than invented.
    expect(resolved?.components.map((c) => c.id)).toEqual(["cmp-cdn"]);
    expect(resolved).toMatchObject({ status: "resolved", postmortem_body: "Root cause: cache.", resolved_at: "2026-11-28T06:00:00.000-05:00" });
  });

  it("unresolved incidents, upcoming / active / all maintenance, and summary pick the right ones", () => {
    expect(unresolvedIncidentsV2(snapshot).incidents.map((i) => i.id)).toEqual(["inc-open"]);
    expect(upcomingMaintenancesV2(snapshot).scheduled_maintenances.map((m) => m.id)).toEqual(["mnt-future"]);
    expect(activeMaintenancesV2(snapshot).scheduled_maintenances.map((m) => m.id)).toEqual(["mnt-now"]);
    expect(scheduledMaintenancesV2(snapshot).scheduled_maintenances.map((m) => m.id)).toEqual(["mnt-future", "mnt-now", "mnt-done"]);
    const summary = summaryV2(snapshot);
    expect(summary.incidents.map((i) => i.id)).toEqual(["inc-open"]);
    expect(summary.scheduled_maintenances.map((m) => [m.id, m.status, m.scheduled_for])).toEqual([
      ["mnt-future", "scheduled", "2026-11-30T21:00:00.000-05:00"],
      ["mnt-now", "in_progress", "2026-11-29T06:30:00.000-05:00"],
    ]);
  });

  it("caps incidents.json and scheduled-maintenances.json at 50", () => {
    const many = fixtureSnapshot();
    const template = many.incidents[1]!;
    many.incidents = Array.from({ length: 60 }, (_, i) => ({ ...template, id: `inc-${i}` }));
    many.maintenances = Array.from({ length: 60 }, (_, i) => ({ ...many.maintenances[2]!, id: `mnt-${i}` }));
    expect(incidentsV2(many).incidents).toHaveLength(50);
    expect(scheduledMaintenancesV2(many).scheduled_maintenances).toHaveLength(50);
  });

  it("uptime.json: 90 days and the figures; null for unknown ids and for groups", () => {
    const uptime = componentUptimeV2(snapshot, "cmp-api");
    expect(uptime?.days).toHaveLength(90);
    expect(uptime?.days.at(-2)).toMatchObject({ status: "major_outage", uptime: 0.9, incidents: [{ id: "inc-resolved", name: "API errors" }] });
    expect(uptime?.uptime).toEqual({ "24h": 1, "7d": 0.999, "30d": 0.9951, "90d": 0.99 });
    expect(componentUptimeV2(snapshot, "nope")).toBeNull();
    expect(componentUptimeV2(snapshot, "grp-web")).toBeNull();
  });

  it("the strict schemas reject a missing key, an extra key and an undocumented enum value", () => {
    const body = statusV2(snapshot);
    const pageWithoutUpdatedAt: Partial<typeof body.page> = { ...body.page };
    delete pageWithoutUpdatedAt.updated_at;
    expect(StatusResponseV2.safeParse({ ...body, page: pageWithoutUpdatedAt }).success).toBe(false);
    expect(StatusResponseV2.safeParse({ ...body, extra: 1 }).success).toBe(false);
    expect(StatusResponseV2.safeParse({ ...body, vigil: { stale: false } }).success).toBe(false); // no key of our own either
    expect(StatusResponseV2.safeParse({ ...body, status: { indicator: "severe", description: "x" } }).success).toBe(false);
    expect(StatusResponseV2.safeParse({ ...body, page: { ...body.page, updated_at: "2026-11-01T12:00:00Z" } }).success).toBe(false);
  });
});

describe("formatZonedIso", () => {
  it("writes UTC as Z and other zones with their offset, daylight saving included", () => {
    expect(formatZonedIso("2026-07-01T12:00:00.5Z", "Etc/UTC")).toBe("2026-07-01T12:00:00.500Z");
    expect(formatZonedIso("2026-07-01T12:00:00.000Z", "Europe/Berlin")).toBe("2026-07-01T14:00:00.000+02:00");
    expect(formatZonedIso("2026-01-01T12:00:00.000Z", "Europe/Berlin")).toBe("2026-01-01T13:00:00.000+01:00");
    expect(formatZonedIso("2026-01-01T12:00:00.000Z", "Asia/Kolkata")).toBe("2026-01-01T17:30:00.000+05:30");
    expect(formatZonedIso("2026-01-01T12:00:00.000Z", "Not/AZone")).toBe("2026-01-01T12:00:00.000Z");
  });
});
