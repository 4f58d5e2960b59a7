// The dashboard's read model: components with their monitors' last results and certificate days,
// open incidents, upcoming maintenance, worker liveness per region, and unacknowledged alerts.
import { describe, expect, it } from "vitest";
import { db } from "../db";
import { readDashboard } from "./dashboard";

const NOW = new Date("2026-12-01T10:00:00.000Z");
const ago = (seconds: number) => new Date(NOW.getTime() - seconds * 1000);

describe("readDashboard", () => {
  it("shows what an admin needs in an outage", async () => {
    const component = await db().component.create({ data: { name: "Downloads", status: "partial_outage" } });
    const monitor = await db().monitor.create({ data: { name: "CDN", kind: "http", target: "https://cdn.example.fm/", componentId: component.id, state: "down" } });
    await db().monitor.create({ data: { name: "Loose", kind: "tcp", target: "example.fm:22", enabled: false } });
    await db().checkResult.createMany({
      data: [
        { monitorId: monitor.id, region: "local", slotAt: ago(120), checkedAt: ago(119), state: "up", reasonCodes: ["ok"], latencyMs: 40, certExpiresAt: new Date(NOW.getTime() + 20.5 * 86_400_000) },
        { monitorId: monitor.id, region: "local", slotAt: ago(60), checkedAt: ago(59), state: "down", reasonCodes: ["timeout"], latencyMs: null, certExpiresAt: new Date(NOW.getTime() + 12.5 * 86_400_000) },
      ],
    });
    await db().incident.create({ data: { name: "Slow downloads", status: "identified", impact: "major", startedAt: ago(600) } });
    await db().incident.create({ data: { name: "Old", status: "resolved", startedAt: ago(6000) } });
    await db().incident.create({ data: { kind: "maintenance", name: "Upgrade", status: "scheduled", impact: "maintenance", scheduledFor: new Date("2026-12-02T00:00:00Z"), scheduledUntil: new Date("2026-12-02T01:00:00Z") } });
    await db().workerHeartbeat.create({ data: { workerId: "w1", region: "eu", version: "1", hostname: "h", pid: 1, startedAt: ago(3600), lastSeenAt: ago(2) } });
    await db().workerHeartbeat.create({ data: { workerId: "w2", region: "us", version: "1", hostname: "h", pid: 2, startedAt: ago(3600), lastSeenAt: ago(60) } });
    await db().certificateAlert.create({ data: { monitorId: monitor.id, serial: "01", threshold: "14d", daysLeft: 12, expiresAt: new Date(NOW.getTime() + 12.5 * 86_400_000), createdAt: ago(60) } });
    await db().certificateAlert.create({ data: { monitorId: monitor.id, serial: "01", threshold: "30d", daysLeft: 29, expiresAt: new Date(NOW.getTime() + 12.5 * 86_400_000), createdAt: ago(600), acknowledgedAt: ago(300) } });

    const dashboard = await readDashboard(NOW, 5);
    expect(dashboard.components).toEqual([
      {
        id: component.id,
        name: "Downloads",
        group: null,
        status: "partial_outage",
        monitors: [
          expect.objectContaining({ name: "CDN", state: "down", lastResult: { state: "down", reasons: ["timeout"], latencyMs: null, checkedAt: ago(59) }, certificateDaysLeft: 12 }),
        ],
      },
    ]);
    expect(dashboard.unattachedMonitors).toEqual([expect.objectContaining({ name: "Loose", enabled: false, lastResult: null, certificateDaysLeft: null })]);
    expect(dashboard.openIncidents.map((i) => i.name)).toEqual(["Slow downloads"]);
    expect(dashboard.maintenance.map((m) => m.name)).toEqual(["Upgrade"]);
    expect(dashboard.workers.map((w) => [w.region, w.stale])).toEqual([
      ["eu", false],
      ["us", true],
    ]);
    expect(dashboard.certificateAlerts.map((a) => [a.threshold, a.monitorName])).toEqual([["14d", "CDN"]]);
    expect(dashboard.failingOutbox).toEqual({ count: 0, newest: [] });
  });

  it("counts failed outbox messages and lists the newest few, not the pending or sent ones", async () => {
    const message = (n: number, status: "pending" | "sent" | "failed") =>
      db().outboxMessage.create({
        data: { key: `dash:${n}`, kind: "incident_update", recipient: `r${n}@example.com`, messageId: `<dash-${n}@status.test>`, status, attempts: 1, lastError: status === "failed" ? `SMTP 550: no mailbox ${n}` : null, updatedAt: ago(100 - n) },
      });
    for (let n = 0; n < 7; n++) await message(n, "failed");
    await message(7, "pending");
    await message(8, "sent");
    const { failingOutbox } = await readDashboard(NOW, 5);
    expect(failingOutbox.count).toBe(7);
    expect(failingOutbox.newest.map((f) => [f.recipient, f.lastError])).toEqual([6, 5, 4, 3, 2].map((n) => [`r${n}@example.com`, `SMTP 550: no mailbox ${n}`]));
  });
});
