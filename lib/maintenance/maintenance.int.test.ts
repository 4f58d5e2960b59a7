// Maintenance windows through the real verbs: scheduling (with bad input), the clock starting and
// completing windows once, notifications, no incidents from failures inside a window.
import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import type { CheckResult } from "../checks/schemas";
import { db } from "../db";
import { runIncidentClock } from "../incidents/incident-clock";
import { processCheckResults } from "../check-results/process-check-results";
import { UnknownComponentsError } from "../errors";
import { MaintenanceTransitionError, postMaintenanceUpdate } from "./post-maintenance-update";
import { scheduleMaintenance } from "./schedule-maintenance";
import { PostMaintenanceUpdate, ScheduleMaintenance } from "./schemas";
import { parsedVerb } from "../../test/verbs";

const SYSTEM = { system: "test" };

const verbs = {
  scheduleMaintenance: parsedVerb(scheduleMaintenance, ScheduleMaintenance),
  postMaintenanceUpdate: parsedVerb(postMaintenanceUpdate, PostMaintenanceUpdate),
};

const T0 = new Date("2026-12-01T02:00:00.000Z");
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
const down: CheckResult = {
  state: "down",
  reasons: [{ code: "connection_refused", message: "Connection to cms.example.fm:443 refused" }],
  warnings: [],
  statusCode: null,
  latencyMs: null,
  timings: { dns: null, connect: null, tls: null, ttfb: null, total: 3 },
  certificate: null,
};

async function setUp(email: string) {
  const component = await db().component.create({ data: { name: "CMS" } });
  const monitor = await db().monitor.create({ data: { name: "CMS home", kind: "http", target: "https://cms.example.fm/", componentId: component.id } });
  await db().subscriber.create({ data: { email, status: "confirmed", allComponents: false, components: { create: { componentId: component.id } } } });
  return { componentId: component.id, monitorId: monitor.id };
}

describe("maintenance", () => {
  it("rejects bad windows with clear errors and writes nothing", async () => {
    const { componentId } = await setUp("first@example.fm");
    const base = { name: "DB upgrade", body: "We upgrade the database.", componentIds: [componentId], scheduledFor: minutes(0), scheduledUntil: minutes(60) };
    await expect(verbs.scheduleMaintenance({ ...base, scheduledUntil: minutes(-1) }, SYSTEM, minutes(-60))).rejects.toThrow(ZodError);
    await expect(verbs.scheduleMaintenance({ ...base, componentIds: [] }, SYSTEM, minutes(-60))).rejects.toThrow(/at least one component/);
    await expect(verbs.scheduleMaintenance({ ...base, componentIds: [componentId, "nope"] }, SYSTEM, minutes(-60))).rejects.toThrow(UnknownComponentsError);
    expect(await db().incident.count({ where: { kind: "maintenance" } })).toBe(0);
  });

  it("starts and completes on time, once, notifies each step, and opens no incident for failures inside the window", async () => {
    const { componentId, monitorId } = await setUp("second@example.fm");
    const scheduled = await verbs.scheduleMaintenance(
      { name: "CMS migration", body: "The CMS moves to new servers.", componentIds: [componentId], scheduledFor: minutes(0), scheduledUntil: minutes(30) },
      SYSTEM,
      minutes(-60),
    );
    const window = () => db().incident.findUniqueOrThrow({ where: { id: scheduled.id }, include: { updates: { orderBy: { createdAt: "asc" }, include: { outboxMessages: true } } } });
    const componentStatus = async () => (await db().component.findUniqueOrThrow({ where: { id: componentId } })).status;
    expect(await window()).toMatchObject({ kind: "maintenance", status: "scheduled", impact: "maintenance" });
    expect(await componentStatus()).toBe("operational");

    await runIncidentClock(minutes(-1));
    expect((await window()).status).toBe("scheduled");
    await Promise.all([runIncidentClock(minutes(0)), runIncidentClock(minutes(0))]); // two workers' clocks
    expect((await window()).status).toBe("in_progress");
    expect(await componentStatus()).toBe("under_maintenance");

    // The CMS goes down during the window: confirmed down, but no incident and still under maintenance.
    const failing = [1, 2, 3].map((m) => ({ monitorId, region: "local", workerId: "w", slotAt: minutes(m), checkedAt: minutes(m), result: down }));
    await processCheckResults(failing, minutes(3));
    expect((await db().monitor.findUniqueOrThrow({ where: { id: monitorId } })).state).toBe("down");
    expect(await db().incident.count({ where: { kind: "incident" } })).toBe(0);
    expect(await componentStatus()).toBe("under_maintenance");

    await runIncidentClock(minutes(30));
    const done = await window();
    expect(done).toMatchObject({ status: "completed", resolvedAt: minutes(30) });
    expect(done.updates.map((u) => u.status)).toEqual(["scheduled", "in_progress", "completed"]);
    expect(done.updates.map((u) => u.outboxMessages.length)).toEqual([1, 1, 1]);

    // Still down after the window: now it is an outage.
    const incidents = await db().incident.findMany({ where: { kind: "incident" }, include: { updates: true } });
    expect(incidents).toHaveLength(1);
    expect(incidents[0]!.updates[0]!.body).toBe("CMS refuses connections.");
    expect(incidents[0]!.updates[0]!.internalDetail).toBe("CMS home failed: Connection to cms.example.fm:443 refused");
    expect(await componentStatus()).toBe("major_outage");
  });

  it("admins move a window along, never backwards, and a quiet window stays quiet", async () => {
    const { componentId } = await setUp("third@example.fm");
    const editor = await db().adminUser.create({ data: { email: "ed@example.fm", passwordHash: "x", role: "editor" } });
    const actor = { adminId: editor.id, email: editor.email, role: "editor" as const };
    const quiet = await verbs.scheduleMaintenance(
      { name: "Disk swap", body: "Swapping disks.", componentIds: [componentId], scheduledFor: minutes(100), scheduledUntil: minutes(160), notify: false, autoComplete: false },
      SYSTEM,
      minutes(40),
    );
    await runIncidentClock(minutes(100));
    await verbs.postMaintenanceUpdate({ maintenanceId: quiet.id, status: "verifying", body: "Disks swapped; verifying." }, actor, minutes(120));
    await expect(verbs.postMaintenanceUpdate({ maintenanceId: quiet.id, status: "in_progress", body: "back?" }, actor)).rejects.toThrow(
      MaintenanceTransitionError,
    );
    await runIncidentClock(minutes(170)); // autoComplete is off: the admin completes it
    expect((await db().incident.findUniqueOrThrow({ where: { id: quiet.id } })).status).toBe("verifying");
    await verbs.postMaintenanceUpdate({ maintenanceId: quiet.id, status: "completed", body: "Done.", notify: false }, actor, minutes(175));
    await expect(verbs.postMaintenanceUpdate({ maintenanceId: quiet.id, status: "completed", body: "again" }, actor)).rejects.toThrow(
      MaintenanceTransitionError,
    );
    const updates = await db().incidentUpdate.findMany({ where: { incidentId: quiet.id }, orderBy: { createdAt: "asc" }, include: { outboxMessages: true } });
    expect(updates.map((u) => [u.status, u.notify, u.outboxMessages.length])).toEqual([
      ["scheduled", false, 0],
      ["in_progress", false, 0],
      ["verifying", true, 1],
      ["completed", false, 0],
    ]);
    expect((await db().component.findUniqueOrThrow({ where: { id: componentId } })).status).toBe("operational");
  });
});
