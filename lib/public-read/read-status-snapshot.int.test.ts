import { describe, expect, it } from "vitest";
import { db } from "../db";
import { readStatusSnapshot } from "./read-status-snapshot";
import { rollUpComponentLatency } from "../status/roll-up-uptime";

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
