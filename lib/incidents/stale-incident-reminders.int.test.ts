import { describe, expect, it } from "vitest";
import { db } from "../db";
import { remindStaleIncidents } from "./stale-incident-reminders";

const T0 = new Date("2026-12-01T00:00:00.000Z");
const hours = (n: number) => new Date(T0.getTime() + n * 3_600_000);
const options = { alertEmail: "ops@example.fm", messageIdDomain: "status.test" };

describe("stale incident reminders", () => {
  it("reminds once per mark, emails only the latest of marks first seen together, and skips resolved incidents", async () => {
    const open = await db().incident.create({ data: { name: "Feeds are slow", status: "identified", startedAt: T0 } });
    await db().incident.create({ data: { name: "Done", status: "resolved", startedAt: T0, resolvedAt: hours(1) } });
    const remind = (at: Date) => db().$transaction((tx) => remindStaleIncidents(tx, at, options));
    const emails = () => db().outboxMessage.findMany({ where: { kind: "incident_reminder" }, orderBy: { id: "asc" } });

    expect(await remind(hours(2.9))).toBe(0);
    expect(await remind(hours(7))).toBe(1); // 3 h and 6 h both due: one email, for 6 h
    expect((await emails()).map((m) => (m.payload as { afterHours: number }).afterHours)).toEqual([6]);
    expect(await remind(hours(8))).toBe(0);
    const [a, b] = await Promise.all([remind(hours(12)), remind(hours(12))]); // two workers
    expect(a + b).toBe(1);
    expect(await remind(hours(30))).toBe(1);
    const reminders = await db().incidentReminder.findMany({ where: { incidentId: open.id }, orderBy: { afterHours: "asc" } });
    expect(reminders.map((r) => r.afterHours)).toEqual([3, 6, 12, 24]);
    expect((await emails()).map((m) => m.recipient)).toEqual(["ops@example.fm", "ops@example.fm", "ops@example.fm"]);
  });
});
