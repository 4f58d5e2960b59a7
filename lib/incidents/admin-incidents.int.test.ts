// The admin incident verbs on a real database: create, update, take over, resolve, edit, delete,
// postmortem — roles enforced in the data layer, audit rows written, bad input rejected unchanged.
import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { ForbiddenError, type Actor } from "../auth/actor";
import type { CheckResult } from "../checks/schemas";
import { db } from "../db";
import { UnknownComponentsError } from "../errors";
import { processCheckResults } from "../check-results/process-check-results";
import { createIncident } from "./create-incident";
import { deleteIncidentUpdate, editIncidentUpdate, LastUpdateError, NotResolvedError, publishPostmortem } from "./edit-update";
import { IncidentClosedError, postIncidentUpdate, takeOverIncident } from "./post-update";
import { CreateIncident, DeleteIncidentUpdate, EditIncidentUpdate, PostIncidentUpdate, PublishPostmortem, TakeOverIncident } from "./schemas";
import { parsedVerb } from "../../test/verbs";

const verbs = {
  createIncident: parsedVerb(createIncident, CreateIncident),
  postIncidentUpdate: parsedVerb(postIncidentUpdate, PostIncidentUpdate),
  editIncidentUpdate: parsedVerb(editIncidentUpdate, EditIncidentUpdate),
  deleteIncidentUpdate: parsedVerb(deleteIncidentUpdate, DeleteIncidentUpdate),
  publishPostmortem: parsedVerb(publishPostmortem, PublishPostmortem),
  takeOverIncident: parsedVerb(takeOverIncident, TakeOverIncident),
};

const T0 = new Date("2026-12-02T09:00:00.000Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

async function admin(role: Actor["role"]): Promise<Actor> {
  const created = await db().adminUser.create({ data: { email: `${role}-${Math.random()}@example.fm`, passwordHash: "x", role } });
  return { adminId: created.id, email: created.email, role, ip: "192.0.2.7" };
}

const failing: CheckResult = {
  state: "down",
  reasons: [{ code: "timeout", message: "No answer from cms.example.fm within 10 s" }],
  warnings: [],
  statusCode: null,
  latencyMs: null,
  timings: { dns: 1, connect: null, tls: null, ttfb: null, total: 10_000 },
  certificate: null,
};
const fine: CheckResult = { ...failing, state: "up", reasons: [{ code: "ok", message: "OK" }], latencyMs: 20, statusCode: 200 };

describe("admin incident verbs", () => {
  it("create → update → resolve → postmortem, with component statuses, notifications and audit", async () => {
    const editor = await admin("editor");
    const component = await db().component.create({ data: { name: "Downloads" } });
    await db().subscriber.create({ data: { email: "fan@example.fm", status: "confirmed" } });

    const incident = await verbs.createIncident(
      { name: "Slow downloads", impact: "minor", body: "Downloads are slow in Europe.", components: [{ componentId: component.id, status: "degraded_performance" }] },
      editor,
      at(0),
    );
    expect((await db().component.findUniqueOrThrow({ where: { id: component.id } })).status).toBe("degraded_performance");

    await verbs.postIncidentUpdate(
      { incidentId: incident.id, status: "identified", body: "A CDN node is overloaded.", components: [{ componentId: component.id, status: "partial_outage" }] },
      editor,
      at(10),
    );
    expect((await db().component.findUniqueOrThrow({ where: { id: component.id } })).status).toBe("partial_outage");
    await verbs.postIncidentUpdate({ incidentId: incident.id, status: "resolved", body: "Traffic moved; all good.", notify: false }, editor, at(30));
    expect((await db().component.findUniqueOrThrow({ where: { id: component.id } })).status).toBe("operational");

    const stored = await db().incident.findUniqueOrThrow({ where: { id: incident.id }, include: { updates: { orderBy: { createdAt: "asc" }, include: { outboxMessages: true } } } });
    expect(stored).toMatchObject({ status: "resolved", identifiedAt: at(10), resolvedAt: at(30), source: "manual" });
    expect(stored.updates.map((u) => [u.status, u.authorId === editor.adminId, u.outboxMessages.length])).toEqual([
      ["investigating", true, 1],
      ["identified", true, 1],
      ["resolved", true, 0],
    ]);
    await expect(verbs.postIncidentUpdate({ incidentId: incident.id, status: "monitoring", body: "again?" }, editor)).rejects.toThrow(IncidentClosedError);

    await verbs.editIncidentUpdate({ updateId: stored.updates[1]!.id, body: "A CDN node in Frankfurt is overloaded." }, editor);
    await expect(verbs.deleteIncidentUpdate({ updateId: stored.updates[2]!.id }, editor)).resolves.toBeUndefined();
    await verbs.publishPostmortem({ incidentId: incident.id, body: "# What happened\nA node ran out of disk." }, editor, at(60));
    expect(await db().incident.findUniqueOrThrow({ where: { id: incident.id } })).toMatchObject({ status: "postmortem", postmortemPublishedAt: at(60) });

    const audit = await db().auditLog.findMany({ where: { actorId: editor.adminId }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual([
      "incident.create",
      "incident.update",
      "incident.update",
      "incident_update.edit",
      "incident_update.delete",
      "incident.postmortem",
    ]);
    expect(audit.every((a) => a.ip === "192.0.2.7" && a.actorLabel === editor.email)).toBe(true);
    expect(audit[3]!.details).toMatchObject({ before: "A CDN node is overloaded.", after: "A CDN node in Frankfurt is overloaded." });
  });

  it("an admin's update takes over an automatic incident; once resolved, old results do not reopen it", async () => {
    const editor = await admin("editor");
    const component = await db().component.create({ data: { name: "CMS" } });
    const monitor = await db().monitor.create({ data: { name: "CMS home", kind: "http", target: "https://cms.example.fm/", componentId: component.id } });
    const results = (slots: number[], result: CheckResult) =>
      slots.map((slot) => ({ monitorId: monitor.id, region: "local", workerId: "w", slotAt: at(slot), checkedAt: at(slot), result }));
    await processCheckResults(results([0, 1, 2], failing), at(2));
    const [automatic] = await db().incident.findMany({ where: { components: { some: { componentId: component.id } } } });
    expect(automatic).toMatchObject({ source: "automatic", status: "investigating", takenOverAt: null });

    await verbs.postIncidentUpdate({ incidentId: automatic!.id, status: "identified", body: "The CMS database is full; we are freeing space." }, editor, at(5));
    expect((await db().incident.findUniqueOrThrow({ where: { id: automatic!.id } })).takenOverAt).toEqual(at(5));
    // Recovery no longer posts "monitoring" on its own: the admin owns the timeline.
    await processCheckResults(results([6, 7], fine), at(7));
    expect(await db().incidentUpdate.count({ where: { incidentId: automatic!.id } })).toBe(2);

    await verbs.postIncidentUpdate({ incidentId: automatic!.id, status: "resolved", body: "Fixed." }, editor, at(10));
    expect(await db().automaticIncidentClaim.count({ where: { componentId: component.id } })).toBe(0);
    // Late or re-delivered results of the old outage change nothing.
    await processCheckResults(results([0, 1, 2], failing), at(11));
    expect(await db().incident.findMany({ where: { components: { some: { componentId: component.id } } }, select: { status: true } })).toEqual([
      { status: "resolved" },
    ]);
    expect(await verbs.takeOverIncident({ incidentId: automatic!.id }, editor)).toBe(false); // already taken over
  });

  it("viewers cannot mutate, bad input is rejected, and nothing is written", async () => {
    const viewer = await admin("viewer");
    const editor = await admin("editor");
    const incidentsBefore = await db().incident.count();
    await expect(verbs.createIncident({ name: "x", body: "y" }, viewer)).rejects.toThrow(ForbiddenError);
    await expect(verbs.createIncident({ name: "", body: "y" }, editor)).rejects.toThrow(ZodError);
    expect(() => CreateIncident.parse({ name: "x", body: "y", impact: "maintenance" })).toThrow(ZodError);
    await expect(verbs.createIncident({ name: "x", body: "y", components: [{ componentId: "nope", status: "major_outage" }] }, editor)).rejects.toThrow(
      UnknownComponentsError,
    );
    expect(await db().incident.count()).toBe(incidentsBefore);

    const incident = await verbs.createIncident({ name: "One update", body: "Only this." }, editor);
    const [only] = await db().incidentUpdate.findMany({ where: { incidentId: incident.id } });
    await expect(verbs.deleteIncidentUpdate({ updateId: only!.id }, editor)).rejects.toThrow(LastUpdateError);
    await expect(verbs.publishPostmortem({ incidentId: incident.id, body: "too early" }, editor)).rejects.toThrow(NotResolvedError);
    await expect(verbs.postIncidentUpdate({ incidentId: incident.id, status: "resolved", body: "x" }, viewer)).rejects.toThrow(ForbiddenError);
    expect(await db().auditLog.count({ where: { actorId: viewer.adminId } })).toBe(0);
  });
});
