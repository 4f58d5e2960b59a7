import { describe, expect, it } from "vitest";
import { db } from "../db";
import { createIncident } from "../incidents/create-incident";
import { postIncidentUpdate } from "../incidents/post-update";
import { CreateIncident, PostIncidentUpdate } from "../incidents/schemas";
import { readStatusSnapshot } from "./read-status-snapshot";
import { rollUpComponentLatency } from "../status/roll-up-uptime";
import { parsedVerb } from "../../test/verbs";

const NOW = new Date("2026-11-29T12:30:00.000Z");
const hour = (h: number) => new Date(Date.UTC(2026, 10, 29, h));

describe("readStatusSnapshot: response times", () => {
  it("gives one series per component: its enabled monitors' rollups weighted by their checks, rolled up per component", async () => {
    const component = await db().component.create({ data: { name: "Downloads" } });
    const quiet = await db().component.create({ data: { name: "Quiet" } });
    const monitor = (name: string, enabled = true) =>
      db().monitor.create({ data: { name, kind: "http", target: `https://${name}.example.fm/`, componentId: component.id, enabled } });
    const [eu, us, paused] = await Promise.all([monitor("eu"), monitor("us"), monitor("paused", false)]);
    const rollup = (monitorId: string, bucketStart: Date, latencySumMs: number, latencyCount: number, latencyMaxMs: number, granularity: "hour" | "day" = "hour") =>
      ({ monitorId, granularity, bucketStart, checks: latencyCount, upChecks: latencyCount, latencySumMs, latencyCount, latencyMaxMs });
    await db().monitorRollup.createMany({
      data: [
        rollup(eu.id, hour(10), 1_000, 10, 150), // 100 ms average over 10 checks
        rollup(us.id, hour(10), 9_000, 30, 900), // 300 ms average over 30 checks
        rollup(paused.id, hour(10), 100_000, 10, 20_000), // paused: not drawn
        rollup(eu.id, hour(11), 2_000, 10, 250),
        rollup(eu.id, new Date("2026-11-28T00:00:00.000Z"), 12_000, 60, 400, "day"),
        rollup(eu.id, new Date("2026-10-01T00:00:00.000Z"), 1_000, 10, 100, "day"), // older than 30 days
      ],
    });
    await rollUpComponentLatency("hour", hour(0), hour(12));
    await rollUpComponentLatency("day", new Date("2026-09-01T00:00:00.000Z"), hour(0));

    const snapshot = await readStatusSnapshot(NOW);
    const downloads = snapshot.components.find((c) => c.id === component.id)!;
    expect(downloads.latencyHourly).toEqual([
      { at: hour(10).toISOString(), avgMs: 250, maxMs: 900 },
      { at: hour(11).toISOString(), avgMs: 200, maxMs: 250 },
    ]);
    expect(downloads.latencyDaily).toEqual([{ at: "2026-11-28T00:00:00.000Z", avgMs: 200, maxMs: 400 }]);
    expect(snapshot.components.find((c) => c.id === quiet.id)).toMatchObject({ latencyHourly: [], latencyDaily: [] });
  });
});

describe("readStatusSnapshot: page.updatedAt", () => {
  it("moves with whatever public changed last: the page, a group, a component, an incident, an update", async () => {
    const at = (iso: string) => new Date(iso);
    await db().page.upsert({ where: { id: "page" }, create: { id: "page", name: "Acme", url: "https://status.example.fm" }, update: {} });
    await db().$executeRaw`UPDATE "Page" SET "updatedAt" = ${at("2026-01-01T00:00:00Z")}`;
    const updatedAt = async () => (await readStatusSnapshot(NOW)).page.updatedAt;
    // Each write stamps its row with the time it ran (here: set by hand, later than anything else in
    // this database); the newest stamp is the page's.
    /** Stamps the row, then says what the page should read. */
    const stamp = async (table: "ComponentGroup" | "Component" | "Incident" | "IncidentUpdate" | "Page", id: string, iso: string) => {
      await db().$executeRawUnsafe(`UPDATE "${table}" SET "updatedAt" = $1 WHERE id = $2`, at(iso), id);
      return iso.replace("Z", ".000Z");
    };
    const group = await db().componentGroup.create({ data: { name: "Edge" } });
    const component = await db().component.create({ data: { name: "Stamped", groupId: group.id } });
    const incident = await db().incident.create({ data: { name: "Stamped incident", status: "investigating", updates: { create: { status: "investigating", body: "Looking." } } }, include: { updates: true } });
    for (const [table, id] of [["ComponentGroup", group.id], ["Component", component.id], ["Incident", incident.id], ["IncidentUpdate", incident.updates[0]!.id]] as const) {
      await stamp(table, id, "2031-02-01T00:00:00Z");
    }
    expect(await updatedAt()).toBe("2031-02-01T00:00:00.000Z");
    expect(await stamp("ComponentGroup", group.id, "2031-03-01T00:00:00Z")).toBe(await updatedAt());
    expect(await stamp("Component", component.id, "2031-04-01T00:00:00Z")).toBe(await updatedAt());
    expect(await stamp("Incident", incident.id, "2031-05-01T00:00:00Z")).toBe(await updatedAt());
    expect(await stamp("IncidentUpdate", incident.updates[0]!.id, "2031-06-01T00:00:00Z")).toBe(await updatedAt());
    expect(await stamp("Page", "page", "2031-07-01T00:00:00Z")).toBe(await updatedAt());
  });
});

describe("readStatusSnapshot: page.updatedAt after real writes", () => {
  it("moves when an incident opens and when it resolves and its component's status changes back", async () => {
    const verbs = { createIncident: parsedVerb(createIncident, CreateIncident), postIncidentUpdate: parsedVerb(postIncidentUpdate, PostIncidentUpdate) };
    const owner = await db().adminUser.create({ data: { email: "stamp-owner@example.fm", passwordHash: "x", role: "owner" } });
    const actor = { adminId: owner.id, email: owner.email, role: "owner" as const };
    await db().page.upsert({ where: { id: "page" }, create: { id: "page", name: "Acme", url: "https://status.example.fm" }, update: {} });
    const component = await db().component.create({ data: { name: "Written" } });
    // Whatever the other tests stamped, everything is old now: only the writes below can be newer.
    for (const table of ["Page", "ComponentGroup", "Component", "Incident", "IncidentUpdate"]) {
      await db().$executeRawUnsafe(`UPDATE "${table}" SET "updatedAt" = '2020-01-01T00:00:00Z'`);
    }
    const updatedAt = async () => (await readStatusSnapshot(NOW)).page.updatedAt;
    expect(await updatedAt()).toBe("2020-01-01T00:00:00.000Z");

    // The rows' stamps are the database writes' own time (Prisma's @updatedAt), not the verbs' `now`.
    const incident = await verbs.createIncident({ name: "Writes fail", body: "Looking.", components: [{ componentId: component.id, status: "major_outage" }], notify: false }, actor, NOW);
    const opened = await updatedAt();
    expect(opened > "2020-01-01T00:00:00.000Z").toBe(true);
    expect((await db().component.findUniqueOrThrow({ where: { id: component.id } })).status).toBe("major_outage");

    await db().$executeRawUnsafe(`UPDATE "Incident" SET "updatedAt" = '2020-01-01T00:00:00Z'`);
    await db().$executeRawUnsafe(`UPDATE "IncidentUpdate" SET "updatedAt" = '2020-01-01T00:00:00Z'`);
    await db().$executeRawUnsafe(`UPDATE "Component" SET "updatedAt" = '2020-01-01T00:00:00Z'`);
    expect(await updatedAt()).toBe("2020-01-01T00:00:00.000Z");
    await verbs.postIncidentUpdate({ incidentId: incident.id, status: "resolved", body: "Fixed.", components: [{ componentId: component.id, status: "operational" }], notify: false }, actor, NOW);
    const written = await db().component.findUniqueOrThrow({ where: { id: component.id } });
    expect(written.status).toBe("operational");
    // The component's own row is stamped by its status change, so a status change alone moves the page too.
    expect(written.updatedAt.getTime()).toBeGreaterThan(new Date("2020-01-01T00:00:00Z").getTime());
    expect((await updatedAt()) > "2020-01-01T00:00:00.000Z").toBe(true);
  });
});
