// Contract test: every /api/v2 endpoint, called through the public route table against a real
// PostgreSQL filled by the data-layer verbs, validated with the strict schemas of Atlassian's
// shapes; plus the caching and CORS headers every public response carries.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { setUpPublicSurface, type PublicFixture } from "@/test/public-fixtures";
import * as schemas from "@/lib/public-read/statuspage/schemas";
import { stopChangeFeed } from "@/lib/live/change-feed";
import { answerPublic } from "@/app/(public)/_routes/public-routes";

let fixture: PublicFixture;

beforeAll(async () => {
  fixture = await setUpPublicSurface();
});

afterAll(() => stopChangeFeed());

const endpoints: [string, z.ZodType][] = [
  ["summary.json", schemas.SummaryV2],
  ["status.json", schemas.StatusResponseV2],
  ["components.json", schemas.ComponentsResponseV2],
  ["incidents.json", schemas.IncidentsResponseV2],
  ["incidents/unresolved.json", schemas.UnresolvedIncidentsResponseV2],
  ["scheduled-maintenances.json", schemas.ScheduledMaintenancesResponseV2],
  ["scheduled-maintenances/upcoming.json", schemas.ActiveOrUpcomingMaintenancesResponseV2],
  ["scheduled-maintenances/active.json", schemas.ActiveOrUpcomingMaintenancesResponseV2],
];

const request = (path: string, headers: Record<string, string> = {}, method = "GET") => new Request(`http://127.0.0.1/api/v2/${path}`, { headers, method });
const api = (path: string, headers: Record<string, string> = {}) => answerPublic(request(path, headers));

function expectPublicHeaders(response: Response) {
  expect(response.headers.get("etag")).toMatch(/^"[\w-]+"$/);
  expect(response.headers.get("cache-control")).toMatch(/s-maxage=\d+.*stale-while-revalidate=\d+.*stale-if-error=\d+/);
  expect(response.headers.get("access-control-allow-origin")).toBe("*");
}

describe("Statuspage v2 contract", () => {
  it.each(endpoints)("%s answers 200 with Atlassian's exact shape, ETag, Cache-Control and CORS", async (path, schema) => {
    const response = await api(path);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expectPublicHeaders(response);
    const body = await response.json();
    const parsed = schema.safeParse(body);
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(body).not.toHaveProperty("vigil");
    expect(response.headers.get("x-vigil-generated-at")).toBeTruthy();
    expect(response.headers.get("x-vigil-stale")).toBeNull();

    const again = await api(path, { "If-None-Match": response.headers.get("etag")! });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
  });

  it("summary: unresolved incidents with updates newest first, upcoming and active maintenance, indicator", async () => {
    const body = schemas.SummaryV2.parse(await (await api("summary.json")).json());
    expect(body.status).toEqual({ indicator: "major", description: "Partial System Outage" });
    expect(body.incidents.map((i) => i.name)).toEqual(["CMS unavailable"]);
    expect(body.incidents[0]?.incident_updates.map((u) => u.status)).toEqual(["identified", "investigating"]);
    expect(body.incidents[0]?.incident_updates[1]?.affected_components).toEqual([
      { code: fixture.componentIds.CMS, name: "CMS", old_status: "operational", new_status: "major_outage" },
    ]);
    expect(body.scheduled_maintenances.map((m) => [m.name, m.status])).toEqual([
      ["Database upgrade", "scheduled"],
      ["CDN swap", "in_progress"],
    ]);
    expect(body.components.find((c) => c.name === "CMS")?.status).toBe("major_outage");
    expect(body.components.filter((c) => c.group).map((c) => c.name)).toEqual(["Website", "Publishing"]);
  });

  it("incidents.json has the resolved one with its postmortem; maintenance lists are split right", async () => {
    const list = schemas.IncidentsResponseV2.parse(await (await api("incidents.json")).json());
    expect(list.incidents.map((i) => [i.name, i.status])).toEqual([
      ["CMS unavailable", "identified"],
      ["Slow downloads", "postmortem"],
    ]);
    expect(list.incidents[1]?.postmortem_body).toBe("## What happened\nA full disk.");
    expect(list.incidents[1]?.resolved_at).not.toBeNull();
    const all = schemas.ScheduledMaintenancesResponseV2.parse(await (await api("scheduled-maintenances.json")).json());
    expect(all.scheduled_maintenances.map((m) => [m.name, m.status])).toEqual([
      ["Database upgrade", "scheduled"],
      ["CDN swap", "in_progress"],
      ["Old work", "completed"],
    ]);
    const now = schemas.ActiveOrUpcomingMaintenancesResponseV2.parse(await (await api("scheduled-maintenances/active.json")).json());
    expect(now.scheduled_maintenances.map((m) => m.name)).toEqual(["CDN swap"]);
  });

  it("components/[id]/uptime.json: 90 days for a component, 404 JSON for an unknown id", async () => {
    const id = fixture.componentIds.CMS!;
    const ok = await api(`components/${id}/uptime.json`);
    expect(ok.status).toBe(200);
    expectPublicHeaders(ok);
    const body = schemas.ComponentUptimeResponseV2.parse(await ok.json());
    expect(body.component.id).toBe(id);
    const missing = await api("components/nope/uptime.json");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { code: "not_found", message: 'no component with id "nope"' } });
  });

  it("answers CORS preflight for GET", async () => {
    const response = await answerPublic(request("summary.json", {}, "OPTIONS"));
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-methods")).toContain("GET");
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
  });
});
