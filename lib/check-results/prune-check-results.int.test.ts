// Retention on a real PostgreSQL: raw results past their retention go, in batches, oldest first;
// the storage limit shortens the retention at a high rate of results; rollups outlive the results.
import { describe, expect, it } from "vitest";
import { db } from "../db";
import { MONITOR_HOURLY_ROLLUP_DAYS, pruneRollups } from "../status/roll-up-uptime";
import { pruneCheckResults } from "./prune-check-results";

const NOW = new Date("2026-12-06T12:00:00.000Z");
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** `count` up results of one monitor, one every `everyMs`, the newest at `newest`. */
async function insertResults(monitorId: string, count: number, newest: Date, everyMs: number) {
  await db().$executeRaw`
    INSERT INTO "CheckResult" ("monitorId", region, "slotAt", "checkedAt", state, "reasonCodes", "latencyMs", "statusCode")
    SELECT ${monitorId}, 'local', at, at, 'up', ARRAY['ok'], 12, 200
    FROM generate_series(${newest}::timestamptz - (${count - 1} * ${everyMs}::int) * interval '1 millisecond', ${newest}::timestamptz,
      ${everyMs}::int * interval '1 millisecond') AS at`;
}

async function monitor(id: string) {
  return db().monitor.create({ data: { id, name: id, kind: "http", target: `https://${id}.example/` } });
}

describe("pruneCheckResults", () => {
  it("deletes the results past the retention in batches, oldest first, and keeps the rest", async () => {
    await monitor("busy");
    // One result a minute for 20 days: 6 days' worth are older than 14 days (the one at exactly
    // 14 days stays), more than one batch of 5,000.
    await insertResults("busy", 20 * 24 * 60, NOW, 60_000);
    const deleted = await pruneCheckResults(NOW, { days: 14, storageMb: 12_000 });
    expect(deleted).toBe(6 * 24 * 60 - 1);
    const left = await db().checkResult.aggregate({ where: { monitorId: "busy" }, _min: { checkedAt: true }, _count: true });
    expect(left._count).toBe(14 * 24 * 60 + 1);
    expect(left._min.checkedAt!.getTime()).toBeGreaterThanOrEqual(NOW.getTime() - 14 * DAY_MS);
    expect(await pruneCheckResults(NOW, { days: 14, storageMb: 12_000 })).toBe(0);
  });

  it("keeps fewer days when the results of the last hour say the configured ones would not fit", async () => {
    await monitor("crowded");
    await insertResults("crowded", 5 * 24, NOW, HOUR_MS); // one an hour for 5 days
    // The last full hour saw 1.2 million results (20,000 monitors a minute): 12 GB hold under 2 days.
    await db().monitorRollup.create({
      data: { monitorId: "crowded", granularity: "hour", bucketStart: new Date(NOW.getTime() - HOUR_MS), checks: 1_200_000, upChecks: 1_200_000 },
    });
    await pruneCheckResults(NOW, { days: 14, storageMb: 12_000 });
    const left = await db().checkResult.aggregate({ where: { monitorId: "crowded" }, _min: { checkedAt: true } });
    expect(left._min.checkedAt!.getTime()).toBeGreaterThan(NOW.getTime() - 2 * DAY_MS);
    expect(left._min.checkedAt!.getTime()).toBeLessThanOrEqual(NOW.getTime() - DAY_MS); // never within a day
  });
});

describe("pruneRollups", () => {
  it("keeps daily rollups and components' hourly ones for the rollup retention, monitors' hourly ones for two weeks", async () => {
    await monitor("history");
    const component = await db().component.create({ data: { name: "History" } });
    const ago = (days: number) => new Date(Date.UTC(2026, 11, 6) - days * DAY_MS);
    await db().monitorRollup.createMany({
      data: [1, MONITOR_HOURLY_ROLLUP_DAYS + 1].map((days) => ({ monitorId: "history", granularity: "hour" as const, bucketStart: ago(days) })),
    });
    await db().monitorRollup.createMany({
      data: [1, 90, 399, 401].map((days) => ({ monitorId: "history", granularity: "day" as const, bucketStart: ago(days) })),
    });
    await db().componentRollup.createMany({
      data: [
        ...[1, 90, 401].map((days) => ({ componentId: component.id, granularity: "day" as const, bucketStart: ago(days) })),
        ...[1, 30, 401].map((days) => ({ componentId: component.id, granularity: "hour" as const, bucketStart: ago(days) })),
      ],
    });
    await pruneRollups(NOW, 400);
    const kept = async (rows: Promise<{ granularity: string; bucketStart: Date }[]>) =>
      (await rows).map((row) => `${row.granularity} ${Math.round((Date.UTC(2026, 11, 6) - row.bucketStart.getTime()) / DAY_MS)}`).sort();
    expect(await kept(db().monitorRollup.findMany({ where: { monitorId: "history" } }))).toEqual(["day 1", "day 399", "day 90", "hour 1"]);
    expect(await kept(db().componentRollup.findMany({ where: { componentId: component.id } }))).toEqual(["day 1", "day 90", "hour 1", "hour 30"]);
  });
});
