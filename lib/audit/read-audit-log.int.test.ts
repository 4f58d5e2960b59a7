// The console's audit view: filters by actor, action, object, IP and time, newest first, paged.
import { describe, expect, it } from "vitest";
import { db } from "../db";
import { readAuditLog } from "./read-audit-log";

describe("readAuditLog", () => {
  it("filters and pages newest first", async () => {
    const at = (day: number) => new Date(Date.UTC(2026, 10, day, 12));
    await db().auditLog.createMany({
      data: [
        { at: at(1), actorLabel: "ann@example.fm", action: "incident.create", objectType: "incident", objectId: "i1", ip: "192.0.2.1" },
        { at: at(2), actorLabel: "ann@example.fm", action: "incident.update", objectType: "incident", objectId: "i1", ip: "192.0.2.1" },
        { at: at(3), actorLabel: "bob@example.fm", action: "monitor.pause", objectType: "monitor", objectId: "m1", ip: "192.0.2.2" },
        { at: at(4), actorLabel: "mallory@example.fm", action: "auth.sign_in_failed", objectType: "admin", ip: "203.0.113.66" },
      ],
    });
    const actions = async (filter: Parameters<typeof readAuditLog>[0]) => (await readAuditLog(filter)).rows.map((r) => r.action);
    expect(await actions({})).toEqual(["auth.sign_in_failed", "monitor.pause", "incident.update", "incident.create"]);
    expect(await actions({ actor: "ANN" })).toEqual(["incident.update", "incident.create"]);
    expect(await actions({ action: "incident." })).toEqual(["incident.update", "incident.create"]);
    expect(await actions({ objectType: "monitor", objectId: "m1" })).toEqual(["monitor.pause"]);
    expect(await actions({ ip: "203.0.113.66" })).toEqual(["auth.sign_in_failed"]);
    expect(await actions({ from: "2026-11-02", to: "2026-11-03T23:59:59Z" })).toEqual(["monitor.pause", "incident.update"]);
    // Nonsense in the query string is ignored, not an error page.
    expect(await actions({ from: "not a date", limit: "lots", before: "-3" })).toHaveLength(4);

    const first = await readAuditLog({ limit: 3 });
    expect(first.rows).toHaveLength(3);
    const second = await readAuditLog({ limit: 3, before: first.nextBefore! });
    expect(second.rows.map((r) => r.action)).toEqual(["incident.create"]);
    expect(second.nextBefore).toBeNull();
  });
});
