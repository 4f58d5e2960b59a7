// Rescheduling, re-scoping and cancelling maintenance windows, and the reminders before they start:
// sent at the right time by an injected clock, once even with several workers' clocks racing, none
// for a cancelled window, moved with a rescheduled one — read back from a real SMTP sink.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import type { Actor } from "../auth/actor";
import { db } from "../db";
import { UnknownComponentsError } from "../errors";
import { runIncidentClock } from "../incidents/incident-clock";
import { readIncidentView } from "../public-read/read-history";
import { InvalidTimesError } from "../incidents/incident-times";
import { cancelMaintenance, editMaintenance, MaintenanceClosedError } from "./edit-maintenance";
import { remindOfMaintenance } from "./maintenance-reminders";
import { nextMaintenanceMoment } from "./next-maintenance-moment";
import { scheduleMaintenance } from "./schedule-maintenance";
import { CancelMaintenance, EditMaintenance, ScheduleMaintenance } from "./schemas";
import { drainOutbox, startTestSink, type TestSink } from "../../test/mail-harness";
import { parsedVerb, TEST_DOMAIN } from "../../test/verbs";

const verbs = {
  scheduleMaintenance: parsedVerb(scheduleMaintenance, ScheduleMaintenance),
  editMaintenance: parsedVerb(editMaintenance, EditMaintenance),
  cancelMaintenance: parsedVerb(cancelMaintenance, CancelMaintenance),
};

const T0 = new Date("2026-12-04T02:00:00.000Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const HOUR = 60;

let sink: TestSink;
beforeAll(async () => {
  sink = await startTestSink();
});
afterAll(() => sink.close());

let editor: Actor;
beforeAll(async () => {
  const created = await db().adminUser.create({ data: { email: "ed@example.fm", passwordHash: "x", role: "editor" } });
  editor = { adminId: created.id, email: created.email, role: "editor" };
});

/** Each test its own component and a subscriber of it, so the tests' windows and mails stay apart. */
async function componentWithSubscriber(email: string, name = "Database") {
  const component = await db().component.create({ data: { name } });
  await db().subscriber.create({ data: { email, status: "confirmed", allComponents: false, components: { create: { componentId: component.id } } } });
  return component.id;
}

async function mailsTo(email: string) {
  await drainOutbox(sink);
  return sink.messages.filter((m) => m.recipients.includes(email));
}

const reminders = (email: string) => mailsTo(email).then((list) => list.filter((m) => m.subject.includes("Reminder")));

describe("editing maintenance", () => {
  it("refuses bad changes with field errors and changes nothing", async () => {
    const componentId = await componentWithSubscriber("refused@example.fm");
    const window = await verbs.scheduleMaintenance({ name: "Disk swap", body: "Disks.", componentIds: [componentId], scheduledFor: at(60), scheduledUntil: at(120) }, editor, at(0));
    const before = await db().incident.findUniqueOrThrow({ where: { id: window.id }, include: { components: true, updates: true } });
    const refusal = (input: Parameters<typeof verbs.editMaintenance>[0]) => verbs.editMaintenance(input, editor, at(10)).then(() => null, (error: unknown) => error);

    expect(await refusal({ maintenanceId: window.id, scheduledFor: at(200), scheduledUntil: at(190) })).toBeInstanceOf(ZodError);
    const past = await refusal({ maintenanceId: window.id, scheduledFor: at(5) });
    expect((past as InvalidTimesError).fieldErrors).toEqual({ scheduledFor: ["cannot be in the past; post an in-progress update to start it now"] });
    expect(((await refusal({ maintenanceId: window.id, scheduledUntil: at(50) })) as InvalidTimesError).fieldErrors).toEqual({
      scheduledUntil: ["the window must end after it starts"],
    });
    expect(await refusal({ maintenanceId: window.id, componentIds: [] })).toBeInstanceOf(ZodError);
    expect(await refusal({ maintenanceId: window.id, componentIds: [componentId, "nope"] })).toBeInstanceOf(UnknownComponentsError);
    expect(await db().incident.findUniqueOrThrow({ where: { id: window.id }, include: { components: true, updates: true } })).toEqual(before);
    expect(await db().auditLog.count({ where: { objectId: window.id } })).toBe(1); // the scheduling
  });

  it("reschedules and re-scopes a window, audited, telling subscribers only when asked", async () => {
    const otherComponentId = await componentWithSubscriber("resched@example.fm", "Search");
    const componentId = (await db().component.create({ data: { name: "Database" } })).id;
    const window = await verbs.scheduleMaintenance({ name: "Index rebuild", body: "Search reindexes.", componentIds: [otherComponentId], scheduledFor: at(600), scheduledUntil: at(660) }, editor, at(0));
    expect(await mailsTo("resched@example.fm")).toHaveLength(1); // the announcement
    await verbs.editMaintenance({ maintenanceId: window.id, name: "Search index rebuild", scheduledFor: at(700), scheduledUntil: at(800) }, editor, at(10));
    expect(await mailsTo("resched@example.fm")).toHaveLength(1);
    let row = await db().incident.findUniqueOrThrow({ where: { id: window.id }, include: { components: true, updates: true } });
    expect(row).toMatchObject({ name: "Search index rebuild", scheduledFor: at(700), scheduledUntil: at(800), startedAt: at(700), announcedAt: at(10) });
    expect(row.updates).toHaveLength(1);

    await verbs.editMaintenance({ maintenanceId: window.id, componentIds: [otherComponentId, componentId], scheduledUntil: at(820), notify: true }, editor, at(20));
    row = await db().incident.findUniqueOrThrow({ where: { id: window.id }, include: { components: true, updates: { orderBy: { createdAt: "asc" } } } });
    expect(row.components.map((c) => c.componentId).sort()).toEqual([otherComponentId, componentId].sort());
    expect(row.updates.at(-1)?.body).toBe("Rescheduled: 2026-12-04 13:40 UTC to 2026-12-04 15:40 UTC. Components: Search, Database.");
    const mails = await mailsTo("resched@example.fm");
    expect(mails.map((m) => m.subject)).toEqual(["[Status] Scheduled: Maintenance: Index rebuild (Search)", expect.stringMatching(/^\[Status\] Scheduled: Maintenance: Search index rebuild \(/)]);
    expect(mails[1]!.text).toContain("Rescheduled: 2026-12-04 13:40 UTC to 2026-12-04 15:40 UTC.");
    const audits = await db().auditLog.findMany({ where: { objectId: window.id, action: "maintenance.edit" }, orderBy: { id: "asc" } });
    expect(audits[0]!.details).toMatchObject({ before: { name: "Index rebuild", scheduledFor: at(600).toISOString() }, after: { scheduledFor: at(700).toISOString() } });

    // Under way: the end may move, the start not.
    await runIncidentClock(at(700));
    await expect(verbs.editMaintenance({ maintenanceId: window.id, scheduledFor: at(710) }, editor, at(705))).rejects.toThrow(/only its end can move/);
    await verbs.editMaintenance({ maintenanceId: window.id, scheduledUntil: at(900) }, editor, at(705));
    expect((await db().incident.findUniqueOrThrow({ where: { id: window.id } })).scheduledUntil).toEqual(at(900));
  });

  it("cancels a window with a notice: off the page's upcoming list, labelled cancelled, never started", async () => {
    const componentId = await componentWithSubscriber("cancel@example.fm");
    const window = await verbs.scheduleMaintenance({ name: "Failover test", body: "We test failover.", componentIds: [componentId], scheduledFor: at(3 * HOUR), scheduledUntil: at(4 * HOUR) }, editor, at(0));
    await verbs.cancelMaintenance({ maintenanceId: window.id, body: "Called off: the vendor postponed." }, editor, at(HOUR));
    await runIncidentClock(at(2 * HOUR)); // the reminder's time
    await runIncidentClock(at(3 * HOUR)); // the start
    const row = await db().incident.findUniqueOrThrow({ where: { id: window.id }, include: { updates: { orderBy: { createdAt: "asc" } } } });
    expect(row.status).toBe("cancelled");
    expect(row.updates.map((u) => u.status)).toEqual(["scheduled", "cancelled"]);
    expect((await mailsTo("cancel@example.fm")).map((m) => m.subject)).toEqual([
      "[Status] Scheduled: Maintenance: Failover test (Database)",
      "[Status] Cancelled: Maintenance: Failover test (Database)",
    ]);
    expect((await readIncidentView(window.id, at(HOUR))).value?.incident.status).toBe("cancelled");
    await expect(verbs.cancelMaintenance({ maintenanceId: window.id }, editor, at(HOUR))).rejects.toThrow(/already cancelled/);
    await expect(verbs.editMaintenance({ maintenanceId: window.id, name: "Back on" }, editor, at(HOUR))).rejects.toThrow(MaintenanceClosedError);
  });

  it("calls a quiet window off quietly, whatever the checkbox says; one its subscribers were told of later, with a notice", async () => {
    const componentId = await componentWithSubscriber("quiet-cancel@example.fm");
    const quiet = await verbs.scheduleMaintenance({ name: "Quiet swap", body: "Nobody told.", componentIds: [componentId], scheduledFor: at(3 * HOUR), scheduledUntil: at(4 * HOUR), notify: false }, editor, at(0));
    const cancelled = await verbs.cancelMaintenance({ maintenanceId: quiet.id, notify: true }, editor, at(HOUR));
    const update = await db().incidentUpdate.findUniqueOrThrow({ where: { id: cancelled.updateId } });
    expect(update).toMatchObject({ status: "cancelled", notify: false });
    expect((await db().auditLog.findFirstOrThrow({ where: { objectId: quiet.id, action: "maintenance.cancel" } })).details).toMatchObject({ notify: false });

    // Announced quietly, then told of by a notified edit: its subscribers know of it, so they hear it is off.
    const later = await verbs.scheduleMaintenance({ name: "Later swap", body: "Told later.", componentIds: [componentId], scheduledFor: at(5 * HOUR), scheduledUntil: at(6 * HOUR), notify: false }, editor, at(0));
    await verbs.editMaintenance({ maintenanceId: later.id, scheduledUntil: at(7 * HOUR), notify: true }, editor, at(10));
    await verbs.cancelMaintenance({ maintenanceId: later.id, notify: true }, editor, at(HOUR));
    expect((await mailsTo("quiet-cancel@example.fm")).map((m) => m.subject)).toEqual([
      "[Status] Scheduled: Maintenance: Later swap (Database)",
      "[Status] Cancelled: Maintenance: Later swap (Database)",
    ]);
  });
});

describe("maintenance reminders", () => {
  it("go out an hour before, once, even with several workers' clocks racing and restarting", async () => {
    const componentId = await componentWithSubscriber("once@example.fm");
    const window = await verbs.scheduleMaintenance({ name: "DB upgrade", body: "PostgreSQL 18.", componentIds: [componentId], scheduledFor: at(10 * HOUR), scheduledUntil: at(11 * HOUR) }, editor, at(0));
    await runIncidentClock(at(9 * HOUR - 1));
    expect(await reminders("once@example.fm")).toHaveLength(0);
    await Promise.all([runIncidentClock(at(9 * HOUR)), runIncidentClock(at(9 * HOUR)), runIncidentClock(at(9 * HOUR + 1)), runIncidentClock(at(9 * HOUR))]);
    await runIncidentClock(at(9 * HOUR + 2)); // a restarted worker's next minute
    const sent = await reminders("once@example.fm");
    expect(sent).toHaveLength(1);
    expect(sent[0]!.subject).toBe("[Status] Reminder: starts in 1 hour: Maintenance: DB upgrade (Database)");
    expect(sent[0]!.text).toContain("2026-12-04 12:00 UTC to 2026-12-04 13:00 UTC");
    expect(sent[0]!.text).toContain("PostgreSQL 18.");
    const subscriberId = (await db().subscriber.findFirstOrThrow({ where: { email: "once@example.fm", webhookUrl: "" } })).id;
    expect(sent[0]!.messageId).toMatch(new RegExp(`^<reminder-${window.id}-60-${at(10 * HOUR).getTime()}-${subscriberId}@`));
    await runIncidentClock(at(10 * HOUR));
    expect((await mailsTo("once@example.fm")).map((m) => m.subject.split(":")[0])).toEqual(["[Status] Scheduled", "[Status] Reminder", "[Status] In progress"]);
  });

  it("follow a rescheduled window to its new time, and a reminder queued for the old time is dropped", async () => {
    const componentId = await componentWithSubscriber("moved@example.fm");
    const window = await verbs.scheduleMaintenance({ name: "Router swap", body: "New routers.", componentIds: [componentId], scheduledFor: at(20 * HOUR), scheduledUntil: at(21 * HOUR) }, editor, at(0));
    // The reminder is queued, then the window moves before the mailer gets to it.
    await db().$transaction((tx) => remindOfMaintenance(tx, at(19 * HOUR), { minutesBefore: [60], messageIdDomain: TEST_DOMAIN }));
    await verbs.editMaintenance({ maintenanceId: window.id, scheduledFor: at(30 * HOUR), scheduledUntil: at(31 * HOUR) }, editor, at(19 * HOUR + 5));
    expect(await reminders("moved@example.fm")).toHaveLength(0);
    expect(await db().outboxMessage.findFirst({ where: { recipient: "moved@example.fm", key: { startsWith: "reminder:" } } })).toMatchObject({
      status: "failed",
      lastError: expect.stringContaining("rescheduled"),
    });

    await runIncidentClock(at(20 * HOUR)); // the old start: nothing happens
    expect((await db().incident.findUniqueOrThrow({ where: { id: window.id } })).status).toBe("scheduled");
    await runIncidentClock(at(29 * HOUR));
    const sent = await reminders("moved@example.fm");
    expect(sent).toHaveLength(1);
    expect(sent[0]!.text).toContain("2026-12-05 08:00 UTC to 2026-12-05 09:00 UTC");
  });

  it("a day and an hour before when configured, only the nearest after downtime, none for late or quiet windows", async () => {
    const componentId = await componentWithSubscriber("both@example.fm");
    const remind = (now: Date) => db().$transaction((tx) => remindOfMaintenance(tx, now, { minutesBefore: [1440, 60], messageIdDomain: TEST_DOMAIN }));
    const far = await verbs.scheduleMaintenance({ name: "Far", body: "Far off.", componentIds: [componentId], scheduledFor: at(50 * HOUR), scheduledUntil: at(51 * HOUR) }, editor, at(0));
    const missed = await verbs.scheduleMaintenance({ name: "Missed", body: "Clock down.", componentIds: [componentId], scheduledFor: at(80 * HOUR), scheduledUntil: at(81 * HOUR) }, editor, at(0));
    await verbs.scheduleMaintenance({ name: "Soon", body: "Announced late.", componentIds: [componentId], scheduledFor: at(40), scheduledUntil: at(100) }, editor, at(0));
    await verbs.scheduleMaintenance({ name: "Quiet", body: "Nobody told.", componentIds: [componentId], scheduledFor: at(50 * HOUR + 30), scheduledUntil: at(52 * HOUR), notify: false }, editor, at(0));

    expect(await remind(at(26 * HOUR))).toBe(1); // Far: a day before
    expect(await remind(at(27 * HOUR))).toBe(0);
    expect(await remind(at(49 * HOUR + 30))).toBe(1); // Far: an hour before (Soon and Quiet get none)
    expect(await remind(at(79 * HOUR + 30))).toBe(1); // Missed: the clock slept through the day-before; only the hour-before
    expect(await remind(at(79 * HOUR + 31))).toBe(0);
    const sent = await reminders("both@example.fm");
    expect(sent.map((m) => m.subject)).toEqual([
      "[Status] Reminder: starts in 1 day: Maintenance: Far (Database)",
      "[Status] Reminder: starts in 1 hour: Maintenance: Far (Database)",
      "[Status] Reminder: starts in 1 hour: Maintenance: Missed (Database)",
    ]);
    expect(await db().maintenanceReminder.findMany({ where: { incidentId: { in: [far.id, missed.id] } }, orderBy: [{ incidentId: "asc" }, { minutesBefore: "asc" }], select: { incidentId: true, minutesBefore: true, sent: true } })).toEqual(
      [
        { incidentId: far.id, minutesBefore: 60, sent: true },
        { incidentId: far.id, minutesBefore: 1440, sent: true },
        { incidentId: missed.id, minutesBefore: 60, sent: true },
        { incidentId: missed.id, minutesBefore: 1440, sent: false },
      ].sort((a, b) => (a.incidentId < b.incidentId ? -1 : a.incidentId > b.incidentId ? 1 : a.minutesBefore - b.minutesBefore)),
    );
  });
});

describe("the next maintenance moment", () => {
  it("is the nearest reminder, start or end within the horizon, read from the windows as scheduled", async () => {
    // Far from the other tests' windows, which share the database.
    const base = 500 * HOUR;
    const componentId = await componentWithSubscriber("moments@example.fm");
    const window = await verbs.scheduleMaintenance({ name: "Cable swap", body: "Cables.", componentIds: [componentId], scheduledFor: at(base + 90), scheduledUntil: at(base + 150) }, editor, at(0));
    const minute = 60_000;
    expect(await nextMaintenanceMoment(at(base), [60], minute)).toBeNull(); // the reminder is 30 minutes off
    expect(await nextMaintenanceMoment(at(base), [60], 30 * minute)).toEqual(at(base + 30));
    expect(await nextMaintenanceMoment(at(base + 30), [60], 60 * minute)).toEqual(at(base + 90));
    await runIncidentClock(at(base + 90));
    expect(await nextMaintenanceMoment(at(base + 90), [60], 60 * minute)).toEqual(at(base + 150));
    await verbs.editMaintenance({ maintenanceId: window.id, scheduledUntil: at(base + 200) }, editor, at(base + 100));
    expect(await nextMaintenanceMoment(at(base + 100), [60], 60 * minute)).toBeNull();
    expect(await nextMaintenanceMoment(at(base + 100), [60], 100 * minute)).toEqual(at(base + 200));
  });
});
