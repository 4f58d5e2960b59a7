// Contract test: every /api/v2 endpoint, called through its route handler against a real
// PostgreSQL filled by the data-layer verbs, validated with the strict schemas of Atlassian's
// shapes; plus the caching and CORS headers every public response carries.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { setUpPublicSurface, type PublicFixture } from "@/test/public-fixtures";
import * as schemas from "@/lib/public-read/statuspage/schemas";
import { stopChangeFeed } from "@/lib/live/change-feed";
import { GET as summary } from "./summary.json/route";
import { GET as status } from "./status.json/route";
import { GET as components } from "./components.json/route";
import { GET as incidents } from "./incidents.json/route";
import { GET as unresolved } from "./incidents/unresolved.json/route";
import { GET as maintenances } from "./scheduled-maintenances.json/route";
import { GET as upcoming } from "./scheduled-maintenances/upcoming.json/route";
import { GET as active } from "./scheduled-maintenances/active.json/route";
import { GET as uptime } from "./components/[id]/uptime.json/route";
import { OPTIONS } from "./v2-route";

let fixture: PublicFixture;

beforeAll(async () => {
  fixture = await setUpPublicSurface();
});

afterAll(() => stopChangeFeed());

const endpoints: [string, (request: Request) => Promise<Response>, z.ZodType][] = [
  ["summary.json", summary, schemas.SummaryV2],
  ["status.json", status, schemas.StatusResponseV2],
  ["components.json", components, schemas.ComponentsResponseV2],
  ["incidents.json", incidents, schemas.IncidentsResponseV2],
  ["incidents/unresolved.json", unresolved, schemas.UnresolvedIncidentsResponseV2],
  ["scheduled-maintenances.json", maintenances, schemas.ScheduledMaintenancesResponseV2],
  ["scheduled-maintenances/upcoming.json", upcoming, schemas.ActiveOrUpcomingMaintenancesResponseV2],
  ["scheduled-maintenances/active.json", active, schemas.ActiveOrUpcomingMaintenancesResponseV2],
];

const request = (path: string, headers: Record<string, string> = {}) => new Request(`http://127.0.0.1/api/v2/${path}`, { headers });

function expectPublicHeaders(response: Response) {
  expect(response.headers.get("etag")).toMatch(/^"[\w-]+"$/);
  expect(response.headers.get("cache-control")).toMatch(/s-maxage=\d+.*stale-while-revalidate=\d+.*stale-if-error=\d+/);
  expect(response.headers.get("access-control-allow-origin")).toBe("*");
}

describe("Statuspage v2 contract", () => {
  it.each(endpoints)("%s answers 200 with Atlassian's exact shape, ETag, Cache-Control and CORS", async (path, handler, schema) => {
    const response = await handler(request(path));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expectPublicHeaders(response);
    const body = await response.json();
    const parsed = schema.safeParse(body);
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(body.vigil).toMatchObject({ stale: false });

    const again = await handler(request(path, { "If-None-Match": response.headers.get("etag")! }));
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
  });

  it("summary: unresolved incidents with updates newest first, upcoming and active maintenance, indicator", async () => {
    const body = schemas.SummaryV2.parse(await (await summary(request("summary.json"))).json());
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
    const list = schemas.IncidentsResponseV2.parse(await (await incidents(request("incidents.json"))).json());
    expect(list.incidents.map((i) => [i.name, i.status])).toEqual([
      ["CMS unavailable", "identified"],
      ["Slow downloads", "postmortem"],
    ]);
    expect(list.incidents[1]?.postmortem_body).toBe("## What happened\nA full disk.");
    expect(list.incidents[1]?.resolved_at).not.toBeNull();
    const all = schemas.ScheduledMaintenancesResponseV2.parse(await (await maintenances(request("scheduled-maintenances.json"))).json());
    expect(all.scheduled_maintenances.map((m) => [m.name, m.status])).toEqual([
      ["Database upgrade", "scheduled"],
      ["CDN swap", "in_progress"],
      ["Old work", "completed"],
    ]);
    const now = schemas.ActiveOrUpcomingMaintenancesResponseV2.parse(await (await active(request("scheduled-maintenances/active.json"))).json());
    expect(now.scheduled_maintenances.map((m) => m.name)).toEqual(["CDN swap"]);
  });

  it("components/[id]/uptime.json: 90 days for a component, 404 JSON for an unknown id", async () => {
    const id = fixture.componentIds.CMS!;
    const ok = await uptime(request(`components/${id}/uptime.json`), { params: Promise.resolve({ id }) });
    expect(ok.status).toBe(200);
    expectPublicHeaders(ok);
    const body = schemas.ComponentUptimeResponseV2.parse(await ok.json());
    expect(body.component.id).toBe(id);
    const missing = await uptime(request("components/nope/uptime.json"), { params: Promise.resolve({ id: "nope" }) });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { code: "not_found", message: 'no component with id "nope"' } });
  });

  it("answers CORS preflight for GET", async () => {
    const response = OPTIONS();
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-methods")).toContain("GET");
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
  });
});
