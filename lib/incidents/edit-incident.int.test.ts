// Correcting incidents on a real database: rename, impact, components, backdated times, reopening —
// bad input refused with field errors and nothing changed, audit rows written, subscribers told only
// when asked and then once.
import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { ForbiddenError, type Actor } from "../auth/actor";
import { db } from "../db";
import { UnknownComponentsError } from "../errors";
import { createIncident } from "./create-incident";
import { editIncident, InvalidIncidentTimesError, reopenIncident } from "./edit-incident";
import { postIncidentUpdate } from "./post-update";
import { CreateIncident, EditIncident, PostIncidentUpdate, ReopenIncident } from "./schemas";
import { parsedVerb } from "../../test/verbs";

const verbs = {
  createIncident: parsedVerb(createIncident, CreateIncident),
  postIncidentUpdate: parsedVerb(postIncidentUpdate, PostIncidentUpdate),
  editIncident: parsedVerb(editIncident, EditIncident),
  reopenIncident: parsedVerb(reopenIncident, ReopenIncident),
};

const T0 = new Date("2026-12-03T09:00:00.000Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const DAY = 1440;

async function admin(role: Actor["role"]): Promise<Actor> {
  const created = await db().adminUser.create({ data: { email: `${role}-${Math.random()}@example.fm`, passwordHash: "x", role } });
  return { adminId: created.id, email: created.email, role, ip: "192.0.2.7" };
}

const statusOf = async (id: string) => (await db().component.findUniqueOrThrow({ where: { id } })).status;
/** Mails about the incident to the one subscriber its test made. */
const mails = (incidentId: string, recipient = "fan@example.fm") => db().outboxMessage.count({ where: { incidentUpdate: { incidentId }, recipient } });

async function snapshot(incidentId: string) {
  const incident = await db().incident.findUniqueOrThrow({ where: { id: incidentId }, include: { components: { orderBy: { componentId: "asc" } }, updates: { orderBy: { createdAt: "asc" } } } });
  return { incident, audits: await db().auditLog.count({ where: { objectId: incidentId } }), mails: await mails(incidentId) };
}

describe("editing incidents", () => {
  it("refuses bad input with field errors and changes nothing", async () => {
    const editor = await admin("editor");
    const cms = await db().component.create({ data: { name: "CMS" } });
    const incident = await verbs.createIncident({ name: "CMS slow", body: "Pages load slowly.", components: [{ componentId: cms.id, status: "degraded_performance" }] }, editor, at(0));
    const before = await snapshot(incident.id);

    const refusal = async (input: Parameters<typeof verbs.editIncident>[0]) => verbs.editIncident(input, editor, at(10)).then(() => null, (error: unknown) => error);
    const future = await refusal({ incidentId: incident.id, startedAt: at(11), impact: "major" });
    expect(future).toBeInstanceOf(InvalidIncidentTimesError);
    expect((future as InvalidIncidentTimesError).fieldErrors).toEqual({ startedAt: ["cannot be in the future", "must be no later than the first update (2026-12-03 09:00 UTC)"] });
    expect(((await refusal({ incidentId: incident.id, resolvedAt: at(5) })) as InvalidIncidentTimesError).fieldErrors).toHaveProperty("resolvedAt");
    expect(await refusal({ incidentId: incident.id, name: "  " })).toBeInstanceOf(ZodError);
    expect(await refusal({ incidentId: incident.id, impact: "maintenance" as "major" })).toBeInstanceOf(ZodError);
    expect(await refusal({ incidentId: incident.id, startedAt: "yesterday" as unknown as Date })).toBeInstanceOf(ZodError);
    expect(await refusal({ incidentId: incident.id, components: [{ componentId: "nope", status: "major_outage" }] })).toBeInstanceOf(UnknownComponentsError);
    expect(await verbs.editIncident({ incidentId: incident.id, name: "x" }, await admin("viewer"), at(10)).catch((e: unknown) => e)).toBeInstanceOf(ForbiddenError);

    expect(await snapshot(incident.id)).toEqual(before);
    expect(await statusOf(cms.id)).toBe("degraded_performance");
  });

  it("renames, changes impact and components, backdates — audited, and notifies only when asked, once", async () => {
    const editor = await admin("editor");
    const [cms, downloads] = await Promise.all([db().component.create({ data: { name: "CMS" } }), db().component.create({ data: { name: "Downloads" } })]);
    await db().subscriber.create({ data: { email: "fan@example.fm", status: "confirmed" } });
    const incident = await verbs.createIncident({ name: "CMS slow", impact: "minor", body: "Pages load slowly.", components: [{ componentId: cms.id, status: "degraded_performance" }] }, editor, at(0));
    expect(await mails(incident.id)).toBe(1);

    // A quiet correction: no update, no mail; the components follow at once.
    await verbs.editIncident(
      {
        incidentId: incident.id,
        name: "CMS and downloads down",
        impact: "major",
        startedAt: at(-30),
        components: [
          { componentId: cms.id, status: "partial_outage" },
          { componentId: downloads.id, status: "degraded_performance" },
        ],
      },
      editor,
      at(10),
    );
    let row = await db().incident.findUniqueOrThrow({ where: { id: incident.id }, include: { updates: true } });
    expect(row).toMatchObject({ name: "CMS and downloads down", impact: "major", startedAt: at(-30) });
    expect(row.updates).toHaveLength(1);
    expect(await mails(incident.id)).toBe(1);
    expect([await statusOf(cms.id), await statusOf(downloads.id)]).toEqual(["partial_outage", "degraded_performance"]);
    const audit = await db().auditLog.findFirstOrThrow({ where: { objectId: incident.id, action: "incident.edit" } });
    expect(audit.details).toMatchObject({ before: { name: "CMS slow", impact: "minor", startedAt: at(0).toISOString() }, after: { impact: "major" } });

    // Told: one update on the timeline, one mail per subscriber; the CMS is no longer affected.
    const told = await verbs.editIncident({ incidentId: incident.id, components: [{ componentId: downloads.id, status: "major_outage" }], notify: true }, editor, at(20));
    expect(told.notifiedUpdateId).not.toBeNull();
    row = await db().incident.findUniqueOrThrow({ where: { id: incident.id }, include: { updates: { orderBy: { createdAt: "asc" } } } });
    expect(row.updates.at(-1)).toMatchObject({ status: "investigating", notify: true, body: "Affected components: Downloads (Major outage)." });
    expect(await mails(incident.id)).toBe(2);
    expect([await statusOf(cms.id), await statusOf(downloads.id)]).toEqual(["operational", "major_outage"]);
    // Nothing subscribers were told changed: nothing to tell, whatever the checkbox says.
    expect((await verbs.editIncident({ incidentId: incident.id, name: "Downloads down", notify: true }, editor, at(25))).notifiedUpdateId).toBeNull();
    expect(await mails(incident.id)).toBe(2);

    // Resolved at 60; it really ended at 50, after the last update before it.
    await verbs.postIncidentUpdate({ incidentId: incident.id, status: "resolved", body: "Fixed.", components: [{ componentId: downloads.id, status: "operational" }] }, editor, at(60));
    const early = await verbs.editIncident({ incidentId: incident.id, resolvedAt: at(15) }, editor, at(70)).catch((e: unknown) => e);
    expect((early as InvalidIncidentTimesError).fieldErrors).toEqual({ resolvedAt: ["must be no earlier than the last update before it (2026-12-03 09:20 UTC)"] });
    await verbs.editIncident({ incidentId: incident.id, resolvedAt: at(50) }, editor, at(70));
    row = await db().incident.findUniqueOrThrow({ where: { id: incident.id }, include: { updates: { orderBy: { createdAt: "asc" } } } });
    expect(row.resolvedAt).toEqual(at(50));
    expect(row.updates.at(-1)).toMatchObject({ status: "resolved", displayAt: at(50) });
  });

  it("reopens a resolved incident within the window, quietly unless asked, and not after it", async () => {
    const editor = await admin("editor");
    const cms = await db().component.create({ data: { name: "CMS" } });
    await db().subscriber.create({ data: { email: "reader@example.fm", status: "confirmed" } });
    const incident = await verbs.createIncident({ name: "CMS down", impact: "major", body: "Down.", components: [{ componentId: cms.id, status: "major_outage" }], notify: false }, editor, at(0));
    await expect(verbs.reopenIncident({ incidentId: incident.id, body: "open?" }, editor, at(10))).rejects.toThrow(/this incident is open/);
    await verbs.postIncidentUpdate({ incidentId: incident.id, status: "resolved", body: "Back.", components: [{ componentId: cms.id, status: "operational" }], notify: false }, editor, at(40));

    await verbs.reopenIncident({ incidentId: incident.id, body: "It failed again.", components: [{ componentId: cms.id, status: "partial_outage" }] }, editor, at(40 + 3 * DAY));
    const reopened = await db().incident.findUniqueOrThrow({ where: { id: incident.id } });
    expect(reopened).toMatchObject({ status: "investigating", resolvedAt: null });
    expect(await statusOf(cms.id)).toBe("partial_outage");
    expect(await mails(incident.id, "reader@example.fm")).toBe(0);
    expect(await db().auditLog.count({ where: { objectId: incident.id, action: "incident.reopen" } })).toBe(1);

    await verbs.postIncidentUpdate({ incidentId: incident.id, status: "resolved", body: "Fixed for good.", components: [{ componentId: cms.id, status: "operational" }] }, editor, at(50 + 3 * DAY));
    await expect(verbs.reopenIncident({ incidentId: incident.id, body: "Once more.", notify: true }, editor, at(50 + 11 * DAY))).rejects.toThrow(/within 7 days/);
    expect((await db().incident.findUniqueOrThrow({ where: { id: incident.id } })).status).toBe("resolved");
    await verbs.reopenIncident({ incidentId: incident.id, body: "Once more.", notify: true }, editor, at(50 + 9 * DAY));
    expect(await mails(incident.id, "reader@example.fm")).toBe(2); // the resolution and the reopening
  });
});
