// The uptime read model on a real PostgreSQL: figures and bars from ComponentRollup rows, window
// edges (24 hours, 7 / 30 / 90 days), components kept apart, and no figure without a record.
import { describe, expect, it, vi } from "vitest";
import { db } from "../db";
import { readComponentUptime } from "./read-uptime";
import { formatUptimePercent, fromComponentRollup, toComponentRollupColumns, uptimeFigures, type StatusSeconds } from "../status/uptime";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const NOW = new Date("2026-11-29T10:30:00.000Z");
const TODAY = new Date("2026-11-29T00:00:00.000Z");
const THIS_HOUR = new Date("2026-11-29T10:00:00.000Z");
const hour = (offset: number) => new Date(THIS_HOUR.getTime() + offset * HOUR_MS);
const day = (offset: number) => new Date(TODAY.getTime() + offset * DAY_MS);

async function rollups(componentId: string, granularity: "hour" | "day", buckets: [Date, Partial<StatusSeconds>][]) {
  await db().componentRollup.createMany({
    data: buckets.map(([bucketStart, seconds]) => ({ componentId, granularity, bucketStart, ...toComponentRollupColumns(seconds) })),
  });
}

async function seed() {
  const [api, cdn, fresh] = await Promise.all(["API", "CDN", "New"].map((name) => db().component.create({ data: { name } })));
  if (!api || !cdn || !fresh) throw new Error("components not created");
  await rollups(api.id, "hour", [
    [hour(0), { operational: 1800 }], // the current hour, up to now
    [hour(-1), { operational: 3000, major_outage: 600 }],
    [hour(-23), { operational: 3600 }], // the oldest hour of the 24
    [hour(-24), { major_outage: 3600 }], // 25 hours back: outside
  ]);
  await rollups(api.id, "day", [
    [day(0), { operational: 37_800 }],
    // docs/status-rules.md's example: 1 h major, 2 h partial, 21 h operational = 93.33 %.
    [day(-1), { operational: 75_600, partial_outage: 7_200, major_outage: 3_600 }],
    [day(-6), { under_maintenance: 86_400 }], // the oldest day of the 7: not downtime, not measured
    [day(-7), { major_outage: 86_400 }], // in 30 d, not in 7 d
    [day(-89), { operational: 82_800, major_outage: 3_600 }], // the oldest day of the 90
    [day(-90), { major_outage: 86_400 }], // outside every window and bar
  ]);
  // Another component's buckets, on the same days, must not leak into the first one's figures.
  await rollups(cdn.id, "day", [[day(0), { operational: 36_800, degraded_performance: 1_000 }]]);
  return { api: api.id, cdn: cdn.id, fresh: fresh.id };
}

describe("readComponentUptime", () => {
  it("computes 24 h / 7 d / 30 d / 90 d and the 90 daily bars from rollups, in two queries for all components", async () => {
    const ids = await seed();
    const queries = vi.spyOn(db(), "$queryRaw");
    const [api, cdn, fresh, missing, ...rest] = await readComponentUptime([ids.api, ids.cdn, ids.fresh, "no-such-component", ids.api], NOW);
    expect(queries).toHaveBeenCalledTimes(2);
    queries.mockRestore();
    expect(rest).toEqual([]); // the repeated id is answered once

    expect(api?.componentId).toBe(ids.api);
    const figures = api!.figures;
    // 24 h: 1800 + 3000 + 3600 up, 600 down.
    expect(figures["24h"].seconds).toMatchObject({ operational: 8_400, major_outage: 600 });
    expect(figures["24h"].uptime).toBe(8_400 / 9_000);
    // 7 d: today, yesterday and the maintenance day (left out of the denominator).
    expect(figures["7d"].seconds).toMatchObject({ operational: 113_400, partial_outage: 7_200, major_outage: 3_600, under_maintenance: 86_400 });
    expect(figures["7d"].uptime).toBeCloseTo((124_200 - 3_600 - 2_160) / 124_200, 12);
    // 30 d adds the day of full outage a week ago.
    expect(figures["30d"].seconds).toMatchObject({ operational: 113_400, partial_outage: 7_200, major_outage: 90_000 });
    expect(figures["30d"].uptime).toBeCloseTo((210_600 - 90_000 - 2_160) / 210_600, 12);
    // 90 d adds the oldest of the 90 days; the day before it is outside.
    expect(figures["90d"].seconds).toMatchObject({ operational: 196_200, partial_outage: 7_200, major_outage: 93_600 });
    expect(figures["90d"].uptime).toBeCloseTo((297_000 - 93_600 - 2_160) / 297_000, 12);
    expect(formatUptimePercent(figures["90d"].uptime)).toBe("67.75%");

    // The read model adds the windows up itself (the 24 h in Postgres): it must agree with the pure
    // uptimeFigures over the same rows.
    const rows = await db().componentRollup.findMany({ where: { componentId: ids.api } });
    const buckets = (granularity: "hour" | "day") =>
      rows.filter((row) => row.granularity === granularity).map((row) => ({ bucketStart: row.bucketStart, seconds: fromComponentRollup(row) }));
    expect(figures).toEqual(uptimeFigures({ hourly: buckets("hour"), daily: buckets("day"), now: NOW }));

    const bars = api!.days;
    expect(bars).toHaveLength(90);
    expect(bars[0]).toMatchObject({ day: day(-89), worstStatus: "major_outage" });
    expect(bars[0]?.uptime).toBeCloseTo(82_800 / 86_400, 12);
    expect(bars[82]).toMatchObject({ day: day(-7), worstStatus: "major_outage", uptime: 0 });
    expect(bars[83]).toMatchObject({ day: day(-6), worstStatus: "under_maintenance", uptime: null });
    expect(bars[84]).toMatchObject({ day: day(-5), worstStatus: null, uptime: null });
    expect(bars[88]).toMatchObject({ day: day(-1), worstStatus: "major_outage" });
    expect(formatUptimePercent(bars[88]?.uptime ?? null)).toBe("93.33%");
    expect(bars[89]).toMatchObject({ day: TODAY, worstStatus: "operational", uptime: 1 });
    expect(bars.filter((bar) => bar.worstStatus !== null)).toHaveLength(5);

    // Degraded performance counts as up, but colours the bar; no hourly rows → no 24 h figure.
    expect(cdn?.figures["24h"].uptime).toBeNull();
    expect(cdn?.figures["7d"]).toMatchObject({ uptime: 1, seconds: { operational: 36_800, degraded_performance: 1_000, major_outage: 0 } });
    expect(cdn?.days[89]).toMatchObject({ worstStatus: "degraded_performance", uptime: 1 });
    expect(cdn?.days.filter((bar) => bar.worstStatus !== null)).toHaveLength(1);

    // No record is no figure, never 100 %.
    for (const nothing of [fresh, missing]) {
      expect(Object.values(nothing!.figures).map((figure) => figure.uptime)).toEqual([null, null, null, null]);
      expect(nothing!.days).toHaveLength(90);
      expect(nothing!.days.every((bar) => bar.worstStatus === null && bar.uptime === null)).toBe(true);
    }
    expect(missing?.componentId).toBe("no-such-component");
  });

  it("answers no ids without a query", async () => {
    const queries = vi.spyOn(db(), "$queryRaw");
    expect(await readComponentUptime([], NOW)).toEqual([]);
    expect(queries).not.toHaveBeenCalled();
    queries.mockRestore();
  });

  it("moves its windows with now: at the next day's first hour, yesterday's hours still count", async () => {
    const component = await db().component.create({ data: { name: "Mail" } });
    const midnight = day(1);
    await rollups(component.id, "hour", [
      [new Date(midnight.getTime() - HOUR_MS), { major_outage: 3_600 }],
      [midnight, { operational: 1_200 }],
    ]);
    await rollups(component.id, "day", [[day(0), { operational: 82_800, major_outage: 3_600 }], [midnight, { operational: 1_200 }]]);
    const [mail] = await readComponentUptime([component.id], new Date(midnight.getTime() + 20 * 60_000));
    expect(mail?.figures["24h"].seconds).toMatchObject({ operational: 1_200, major_outage: 3_600 });
    expect(mail?.figures["24h"].uptime).toBe(1_200 / 4_800);
    expect(mail?.figures["7d"].uptime).toBe(84_000 / 87_600);
    expect(mail?.days.at(-1)).toMatchObject({ day: midnight, worstStatus: "operational", uptime: 1 });
    expect(mail?.days.at(-2)).toMatchObject({ day: day(0), worstStatus: "major_outage" });
  });
});
