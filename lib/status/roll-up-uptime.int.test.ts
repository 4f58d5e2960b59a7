import pg from "pg";
import { describe, expect, it } from "vitest";
import { db } from "../db";
import { STATUS_CHANNEL } from "../live/change-feed";
import { parseDatabaseUrl } from "../postgres/connection-config";
import { pruneCheckResults } from "../check-results/prune-check-results";
import { pruneRollups, rollUpUptime } from "./roll-up-uptime";
import { fromComponentRollup, uptimeFraction } from "./uptime";

const T0 = new Date("2026-11-29T10:00:00.000Z");
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

/** A component with one monitor, both created at 09:00 and up since; `result` writes an up check at a time. */
async function watchedComponent(name: string) {
  const component = await db().component.create({ data: { name, createdAt: minutes(-60) } });
  const monitor = await db().monitor.create({
    data: { name, kind: "http", target: "https://feeds.example.fm/", componentId: component.id, createdAt: minutes(-60) },
  });
  await db().monitorStateChange.create({
    data: { monitorId: monitor.id, fromState: "unknown", toState: "up", reasonCodes: [], changedAt: minutes(-60) },
  });
  const result = (at: Date) =>
    db().checkResult.create({ data: { monitorId: monitor.id, region: "local", slotAt: at, checkedAt: at, state: "up", reasonCodes: [], latencyMs: 50 } });
  return { component, monitor, result };
}

describe("uptime rollups", () => {
  it("turns status history and results into hourly and daily buckets, idempotently", async () => {
    const component = await db().component.create({ data: { name: "CMS", createdAt: minutes(-180) } });
    await db().componentStatusChange.createMany({
      data: [
        { componentId: component.id, status: "major_outage", changedAt: minutes(10) },
        { componentId: component.id, status: "operational", changedAt: minutes(40) },
      ],
    });
    const monitor = await db().monitor.create({
      data: { name: "CMS", kind: "http", target: "https://cms.example.fm/", componentId: component.id, createdAt: minutes(-180) },
    });
    await db().monitorStateChange.createMany({
      data: [
        { monitorId: monitor.id, fromState: "unknown", toState: "up", reasonCodes: [], changedAt: minutes(-170) },
        { monitorId: monitor.id, fromState: "up", toState: "down", reasonCodes: ["timeout"], changedAt: minutes(10) },
        { monitorId: monitor.id, fromState: "down", toState: "up", reasonCodes: [], changedAt: minutes(40) },
      ],
    });
    await db().checkResult.createMany({
      data: [0, 15, 30, 45, 62].map((m, i) => ({
        monitorId: monitor.id,
        region: "local",
        slotAt: minutes(m),
        checkedAt: minutes(m),
        state: i === 1 || i === 2 ? ("down" as const) : ("up" as const),
        reasonCodes: [],
        latencyMs: i === 4 ? null : 100 * (i + 1),
      })),
    });

    const now = minutes(65);
    await rollUpUptime(now);
    const versions = () =>
      db().$queryRaw<{ row: string; xmin: string }[]>`
        SELECT 'monitor ' || granularity || ' ' || "bucketStart" AS row, xmin::text FROM "MonitorRollup"
        UNION ALL SELECT 'component ' || granularity || ' ' || "bucketStart", xmin::text FROM "ComponentRollup"
        ORDER BY row`;
    const written = await versions();
    expect(written).toHaveLength(12); // the hours from 07:00 (both exist since then) to 11:00, and the day, of each
    // Recomputing changes nothing, and a bucket whose figures are the same is not written again.
    await rollUpUptime(now);
    expect(await versions()).toEqual(written);

    const hour = await db().componentRollup.findUniqueOrThrow({
      where: { componentId_granularity_bucketStart: { componentId: component.id, granularity: "hour", bucketStart: T0 } },
    });
    expect(fromComponentRollup(hour)).toMatchObject({ operational: 1800, major_outage: 1800, unknown: 0 });
    // The component's response times come from its monitors' buckets (one monitor here).
    expect(hour).toMatchObject({ latencySumMs: 1000n, latencyCount: 4, latencyMaxMs: 400 });
    expect(uptimeFraction(fromComponentRollup(hour))).toBe(0.5);
    // The current hour is counted up to now only.
    const current = await db().componentRollup.findUniqueOrThrow({
      where: { componentId_granularity_bucketStart: { componentId: component.id, granularity: "hour", bucketStart: minutes(60) } },
    });
    expect(fromComponentRollup(current)).toMatchObject({ operational: 300 });
    const day = await db().componentRollup.findUniqueOrThrow({
      where: { componentId_granularity_bucketStart: { componentId: component.id, granularity: "day", bucketStart: new Date("2026-11-29T00:00:00Z") } },
    });
    // Created at 07:00: unknown before; operational 07:00–10:10 and 10:40–11:05; down in between.
    expect(fromComponentRollup(day)).toMatchObject({ unknown: 7 * 3600, major_outage: 1800, operational: 11_400 + 1_500 });

    const monitorHour = await db().monitorRollup.findUniqueOrThrow({
      where: { monitorId_granularity_bucketStart: { monitorId: monitor.id, granularity: "hour", bucketStart: T0 } },
    });
    expect(monitorHour).toMatchObject({
      checks: 4,
      upChecks: 2,
      downChecks: 2,
      latencyCount: 4,
      latencyMaxMs: 400,
      upSeconds: 1800,
      downSeconds: 1800,
      unknownSeconds: 0,
    });
    expect(monitorHour.latencySumMs).toBe(1000n);
    // The day sums its hour buckets (07:00 to the current 11:00; results only at 10:00 and 11:00).
    const monitorDay = await db().monitorRollup.findUniqueOrThrow({
      where: { monitorId_granularity_bucketStart: { monitorId: monitor.id, granularity: "day", bucketStart: new Date("2026-11-29T00:00:00Z") } },
    });
    expect(monitorDay).toMatchObject({ checks: 5, upChecks: 3, downChecks: 2, latencyCount: 4, latencyMaxMs: 400 });
    expect(monitorDay.latencySumMs).toBe(1000n);

    await pruneCheckResults(new Date(T0.getTime() + 15 * 86_400_000), { days: 14, storageMb: 12_000 });
    await pruneRollups(new Date(T0.getTime() + 15 * 86_400_000), 400);
    expect(await db().checkResult.count({ where: { monitorId: monitor.id } })).toBe(0);
    // Its five hours (07:00–11:00) and today are kept; yesterday's bucket predates the component.
    expect(await db().componentRollup.count({ where: { componentId: component.id } })).toBe(6);
  });

  it("recomputes a finished hour while late results may land, or when it was left incomplete; then leaves it alone", async () => {
    const { monitor, result } = await watchedComponent("Feeds");
    const hourRow = () =>
      db().monitorRollup.findUniqueOrThrow({
        where: { monitorId_granularity_bucketStart: { monitorId: monitor.id, granularity: "hour", bucketStart: T0 } },
      });

    // The worker stops after the 10:55 run: the 10:00 hour is left covering 55 minutes.
    await result(minutes(50));
    await rollUpUptime(minutes(55));
    expect(await hourRow()).toMatchObject({ upSeconds: 3300, checks: 1 });
    await result(minutes(58));
    // Back at 11:30, long after the hour's end: the hour is incomplete, so it is recomputed.
    await rollUpUptime(minutes(90));
    expect(await hourRow()).toMatchObject({ upSeconds: 3600, checks: 2 });
    // Settled now: a result written this late for 10:59 is not read again.
    await result(minutes(59));
    await rollUpUptime(minutes(95));
    expect(await hourRow()).toMatchObject({ checks: 2 });

    // Within the minutes after an hour's end, a result written a moment late still lands in it.
    await rollUpUptime(minutes(120));
    await result(minutes(119.5));
    await rollUpUptime(minutes(125));
    const lastHour = await db().monitorRollup.findUniqueOrThrow({
      where: { monitorId_granularity_bucketStart: { monitorId: monitor.id, granularity: "hour", bucketStart: minutes(60) } },
    });
    expect(lastHour).toMatchObject({ upSeconds: 3600, checks: 1 });
  });

  it("fills in the hours a stopped worker missed, up to a day back, and the days it missed", async () => {
    const { component, monitor, result } = await watchedComponent("Episodes");
    const monitorRow = (granularity: "hour" | "day", bucketStart: Date) =>
      db().monitorRollup.findUnique({ where: { monitorId_granularity_bucketStart: { monitorId: monitor.id, granularity, bucketStart } } });
    const componentHour = (bucketStart: Date) =>
      db().componentRollup.findUniqueOrThrow({ where: { componentId_granularity_bucketStart: { componentId: component.id, granularity: "hour", bucketStart } } });

    await result(minutes(5));
    await rollUpUptime(minutes(10));
    // The worker stops at 10:15, just after a result it wrote; an admin marks an outage at 11:40.
    await result(minutes(12));
    await db().componentStatusChange.create({ data: { componentId: component.id, status: "major_outage", changedAt: minutes(100) } });

    // Back at 13:40: 10:00 is completed with the result written after the last run, 11:00 and
    // 12:00 are written at last.
    await rollUpUptime(minutes(220));
    expect(await monitorRow("hour", T0)).toMatchObject({ upSeconds: 3600, checks: 2 });
    expect(await monitorRow("hour", minutes(60))).toMatchObject({ upSeconds: 3600, checks: 0 });
    expect(await monitorRow("hour", minutes(120))).toMatchObject({ upSeconds: 3600 });
    expect(fromComponentRollup(await componentHour(minutes(60)))).toMatchObject({ operational: 2400, major_outage: 1200 });
    expect(fromComponentRollup(await componentHour(minutes(120)))).toMatchObject({ major_outage: 3600 });

    // Stopped again, for 30 hours: the hours of the last day are filled in, not older ones (their
    // raw results may be gone), and yesterday is completed from the status history.
    const back = minutes(220 + 30 * 60); // the next day, 19:40
    await rollUpUptime(back);
    const hours = await db().monitorRollup.findMany({ where: { monitorId: monitor.id, granularity: "hour" }, select: { bucketStart: true } });
    const hourStarts = hours.map((row) => row.bucketStart.getTime());
    expect(hourStarts).toHaveLength(5 + 24); // 09:00 (its creation)–13:00, then the 24 hours up to 19:00 the next day
    expect(hourStarts).not.toContain(minutes(240).getTime()); // 14:00, 29 hours back
    // The monitor was up from 09:00 on: 15 hours up, 9 unknown, and both results of the day.
    expect(await monitorRow("day", minutes(-600))).toMatchObject({ upSeconds: 54_000, unknownSeconds: 32_400, checks: 2 });
  });

  it("does not let monitors' rollups empty the page's caches; components' rollups do, when they move on", async () => {
    await watchedComponent("Feeds");
    await rollUpUptime(minutes(65));
    const listener = new pg.Client(parseDatabaseUrl(process.env.DATABASE_URL!));
    await listener.connect();
    const heard: string[] = [];
    listener.on("notification", (message) => heard.push(message.payload ?? ""));
    await listener.query(`LISTEN ${STATUS_CHANNEL}`);
    try {
      await rollUpUptime(minutes(70)); // the current hour grew by five minutes, for both
      // Notifications arrive in commit order: the marker comes after everything the rollup sent.
      await db().$executeRaw`SELECT pg_notify(${STATUS_CHANNEL}, 'marker')`;
      await expect.poll(() => heard.includes("marker"), { timeout: 15_000, interval: 25 }).toBe(true);
      expect(heard).toContain("ComponentRollup");
      expect(heard).not.toContain("MonitorRollup");
    } finally {
      await listener.end();
    }
  });
});
