import { describe, expect, it } from "vitest";
import type { ComponentStatus } from "../generated/prisma/enums";
import {
  componentSecondsPerStatus,
  dailyBars,
  formatUptimePercent,
  fromComponentRollup,
  fromMonitorRollup,
  PARTIAL_OUTAGE_WEIGHT,
  secondsPerStatus,
  toComponentRollupColumns,
  uptimeFigures,
  uptimeFraction,
  utcDayStarts,
  utcHourStarts,
  zeroSeconds,
  type StatusBucket,
  type StatusSeconds,
  type StatusTimeline,
} from "./uptime";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

const at = (time: string) => new Date(`2026-11-29T${time}Z`);
const FROM = at("10:00:00.000");
const TO = at("11:00:00.000");

describe("secondsPerStatus: a timeline inside [from, to)", () => {
  it.each<[string, StatusTimeline, Partial<StatusSeconds>]>([
    ["no change", { statusBefore: "operational", changes: [] }, { operational: 3600 }],
    ["no record yet", { statusBefore: "unknown", changes: [] }, { unknown: 3600 }],
    [
      "an outage inside the hour",
      {
        statusBefore: "operational",
        changes: [
          { at: at("10:15:00.000"), status: "major_outage" },
          { at: at("10:30:00.000"), status: "operational" },
        ],
      },
      { operational: 2700, major_outage: 900 },
    ],
    ["a change before the window sets its status", { statusBefore: "operational", changes: [{ at: at("09:50:00.000"), status: "partial_outage" }] }, { partial_outage: 3600 }],
    ["a change at the window's start", { statusBefore: "operational", changes: [{ at: FROM, status: "degraded_performance" }] }, { degraded_performance: 3600 }],
    ["a change at the window's end belongs to the next", { statusBefore: "operational", changes: [{ at: TO, status: "major_outage" }] }, { operational: 3600 }],
    [
      "unsorted changes",
      {
        statusBefore: "unknown",
        changes: [
          { at: at("10:45:00.000"), status: "operational" },
          { at: at("10:05:00.000"), status: "under_maintenance" },
        ],
      },
      { unknown: 300, under_maintenance: 2400, operational: 900 },
    ],
    [
      "milliseconds rounded so the bucket still adds up to 3600",
      {
        statusBefore: "operational",
        changes: [
          { at: at("10:20:00.600"), status: "major_outage" },
          { at: at("10:40:00.300"), status: "operational" },
        ],
      },
      // operational 1200.6 + 1199.7 = 2400.3 s, major 1199.7 s
      { operational: 2400, major_outage: 1200 },
    ],
    [
      "two changes at the same instant: the later one counts",
      {
        statusBefore: "operational",
        changes: [
          { at: at("10:30:00.000"), status: "major_outage" },
          { at: at("10:30:00.000"), status: "partial_outage" },
        ],
      },
      { operational: 1800, partial_outage: 1800 },
    ],
  ])("%s", (_, timeline, expected) => {
    expect(secondsPerStatus(timeline, FROM, TO)).toEqual(expected);
    expect(componentSecondsPerStatus(timeline, FROM, TO)).toEqual({ ...zeroSeconds(), ...expected });
  });

  it("an empty window has nothing", () => {
    expect(secondsPerStatus({ statusBefore: "operational", changes: [] }, TO, FROM)).toEqual({});
    expect(secondsPerStatus({ statusBefore: "operational", changes: [] }, FROM, FROM)).toEqual({});
  });

  it("works for any status vocabulary (monitor states)", () => {
    const timeline: StatusTimeline<"up" | "down"> = { statusBefore: "up", changes: [{ at: at("10:59:00.000"), status: "down" }] };
    expect(secondsPerStatus(timeline, FROM, TO)).toEqual({ up: 3540, down: 60 });
  });

  it("a day bucket adds up to 86400 seconds", () => {
    const changes = Array.from({ length: 50 }, (_, i) => ({
      at: new Date(FROM.getTime() + i * 1_234_567 + 17),
      status: (["operational", "major_outage", "partial_outage"] as const)[i % 3]!,
    }));
    const seconds = secondsPerStatus({ statusBefore: "operational", changes }, FROM, new Date(FROM.getTime() + DAY_MS));
    expect(Object.values(seconds).reduce((sum, value) => sum + value, 0)).toBe(86_400);
  });
});

describe("uptimeFraction", () => {
  it.each<[string, Partial<StatusSeconds>, number | null]>([
    ["nothing measured", {}, null],
    ["only maintenance and unknown", { under_maintenance: 3600, unknown: 100 }, null],
    ["all operational", { operational: 86_400 }, 1],
    ["all major outage", { major_outage: 86_400 }, 0],
    ["all partial outage: 30 % down", { partial_outage: 1000 }, 0.7],
    ["all degraded: up", { degraded_performance: 500 }, 1],
    ["degraded and operational", { degraded_performance: 500, operational: 500 }, 1],
    ["10 % major outage", { operational: 900, major_outage: 100 }, 0.9],
    ["half partial outage", { operational: 1000, partial_outage: 1000 }, 0.85],
    ["maintenance and unknown left out", { operational: 900, major_outage: 100, under_maintenance: 5000, unknown: 7000 }, 0.9],
    // One day: 1 h major outage, 2 h partial outage, 21 h operational:
    // 1 − (3600 + 0.3 × 7200) / 86400 = 1 − 5760 / 86400 = 0.9333…
    ["a bad day", { operational: 75_600, major_outage: 3600, partial_outage: 7200 }, 14 / 15],
    ["a bad day with maintenance", { operational: 72_000, major_outage: 3600, partial_outage: 7200, under_maintenance: 3600, degraded_performance: 3600 }, 14 / 15],
  ])("%s → %s", (_, seconds, expected) => {
    const uptime = uptimeFraction(seconds);
    if (expected === null) expect(uptime).toBeNull();
    else expect(uptime).toBeCloseTo(expected, 12);
  });

  it("weighs a partial outage at 30 %", () => {
    expect(PARTIAL_OUTAGE_WEIGHT).toBe(0.3);
  });
});

describe("formatUptimePercent", () => {
  it.each<[number | null, number | undefined, string | null]>([
    [null, undefined, null],
    [1, undefined, "100.00%"],
    [0, undefined, "0.00%"],
    [0.9995, undefined, "99.95%"],
    [14 / 15, undefined, "93.33%"],
    [0.99999, undefined, "99.99%"], // never rounded up to 100%
    [1 - 1 / 7_776_000, undefined, "99.99%"], // one second down in 90 days
    [0.99995, 3, "99.995%"],
    [0.5, 0, "50%"],
  ])("%s (%s decimals) → %s", (fraction, decimals, expected) => {
    expect(formatUptimePercent(fraction, decimals)).toBe(expected);
  });
});

describe("bucket starts", () => {
  const now = new Date("2026-11-29T10:30:00.000Z");

  it("utcHourStarts ends with the current hour", () => {
    const hours = utcHourStarts(now, 24);
    expect(hours).toHaveLength(24);
    expect(hours[0]).toEqual(new Date("2026-11-28T11:00:00.000Z"));
    expect(hours.at(-1)).toEqual(new Date("2026-11-29T10:00:00.000Z"));
  });

  it("utcDayStarts ends with today", () => {
    const days = utcDayStarts(now, 90);
    expect(days).toHaveLength(90);
    expect(days[0]).toEqual(new Date("2026-09-01T00:00:00.000Z"));
    expect(days.at(-1)).toEqual(new Date("2026-11-29T00:00:00.000Z"));
  });
});

describe("uptimeFigures and dailyBars", () => {
  const now = new Date("2026-11-29T10:30:00.000Z");
  const currentHour = Date.parse("2026-11-29T10:00:00.000Z");
  const today = Date.parse("2026-11-29T00:00:00.000Z");
  const hour = (back: number, seconds: Partial<StatusSeconds>): StatusBucket => ({ bucketStart: new Date(currentHour - back * HOUR_MS), seconds });
  const day = (back: number, seconds: Partial<StatusSeconds>): StatusBucket => ({ bucketStart: new Date(today - back * DAY_MS), seconds });

  const hourly: StatusBucket[] = [
    hour(24, { major_outage: 3600 }), // 25 hours ago: outside 24 h
    hour(23, { operational: 3240, major_outage: 360 }),
    ...Array.from({ length: 22 }, (_, i) => hour(22 - i, { operational: 3600 })),
    hour(0, { operational: 1800 }), // the current hour, half way
  ];

  const special = new Map<number, Partial<StatusSeconds>>([
    [100, { major_outage: 86_400 }], // outside 90 d
    [89, { operational: 77_760, major_outage: 8640 }], // the oldest of the 90 days
    [10, { partial_outage: 86_400 }], // inside 30 d, outside 7 d
    [6, { operational: 82_800, under_maintenance: 3600 }], // the oldest of the 7 days
    [0, { operational: 37_800 }], // today so far
  ]);
  const daily: StatusBucket[] = Array.from({ length: 101 }, (_, back) => day(back, special.get(back) ?? { operational: 86_400 }));

  it("pins each window's figure", () => {
    const figures = uptimeFigures({ hourly, daily, now });
    // 24 h: 23 × 3600 + 1800 measured, 360 s down.
    expect(figures["24h"].seconds.major_outage).toBe(360);
    expect(figures["24h"].uptime).toBeCloseTo(1 - 360 / 84_600, 12);
    // 7 d: no downtime; the maintenance hour is left out.
    expect(figures["7d"].uptime).toBe(1);
    expect(figures["7d"].seconds.under_maintenance).toBe(3600);
    // 30 d: 552 600 s (7 d) + 22 operational days + the partial-outage day; 0.3 × 86 400 down.
    expect(figures["30d"].uptime).toBeCloseTo(1 - 25_920 / 2_539_800, 12);
    // 90 d: + the oldest day (8640 s major) + 59 operational days.
    expect(figures["90d"].uptime).toBeCloseTo(1 - 34_560 / 7_723_800, 12);
    expect(figures["90d"].seconds.major_outage).toBe(8640);
  });

  it("days without a bucket are not counted as up", () => {
    const figures = uptimeFigures({ hourly: [], daily: [day(0, { operational: 900, major_outage: 100 })], now });
    expect(figures["24h"].uptime).toBeNull();
    expect(figures["7d"].uptime).toBeCloseTo(0.9, 12);
    expect(figures["90d"].uptime).toBeCloseTo(0.9, 12);
  });

  it("draws one bar per day, oldest first, with the day's worst status", () => {
    const bars = dailyBars(daily, utcDayStarts(now, 90));
    expect(bars).toHaveLength(90);
    expect(bars[0]).toMatchObject({ day: new Date(today - 89 * DAY_MS), worstStatus: "major_outage" });
    expect(bars[0]!.uptime).toBeCloseTo(0.9, 12);
    expect(bars[79]).toMatchObject({ worstStatus: "partial_outage", uptime: 0.7 });
    expect(bars[83]).toMatchObject({ worstStatus: "under_maintenance", uptime: 1 });
    expect(bars[50]).toMatchObject({ worstStatus: "operational", uptime: 1 });
    expect(bars[89]).toMatchObject({ day: new Date(today), worstStatus: "operational", uptime: 1 });
  });

  it.each<[Partial<StatusSeconds> | null, ComponentStatus | null, number | null]>([
    [{ operational: 86_399, major_outage: 1 }, "major_outage", 1 - 1 / 86_400],
    [{ degraded_performance: 10, under_maintenance: 10, operational: 5 }, "degraded_performance", 1],
    [{ under_maintenance: 86_400 }, "under_maintenance", null],
    [{ unknown: 86_400 }, null, null],
    [{}, null, null],
    [null, null, null], // no bucket at all
  ])("a day of %j is %s with uptime %s", (seconds, worstStatus, uptime) => {
    const buckets = seconds === null ? [] : [day(0, seconds)];
    const [bar] = dailyBars(buckets, [new Date(today)]);
    expect(bar?.worstStatus).toBe(worstStatus);
    if (uptime === null) expect(bar?.uptime).toBeNull();
    else expect(bar?.uptime).toBeCloseTo(uptime, 12);
  });

  it("matches the page time zone's day starts and sums duplicate buckets", () => {
    // Europe/Berlin in winter: days start at 23:00 UTC.
    const berlinToday = new Date("2026-11-28T23:00:00.000Z");
    const buckets: StatusBucket[] = [
      { bucketStart: berlinToday, seconds: { operational: 1000 } },
      { bucketStart: berlinToday, seconds: { major_outage: 1000 } },
      { bucketStart: new Date("2026-11-29T00:00:00.000Z"), seconds: { major_outage: 5000 } }, // a UTC bucket: not this page's
    ];
    const [bar] = dailyBars(buckets, [berlinToday]);
    expect(bar).toMatchObject({ worstStatus: "major_outage", uptime: 0.5 });
    const figures = uptimeFigures({ hourly: [], daily: buckets, now, dayStarts: [berlinToday] });
    expect(figures["7d"].uptime).toBe(0.5);
  });
});

describe("rollup rows", () => {
  it("maps ComponentRollup columns both ways", () => {
    const seconds: StatusSeconds = { operational: 1, degraded_performance: 2, partial_outage: 3, major_outage: 4, under_maintenance: 5, unknown: 6 };
    const columns = toComponentRollupColumns(seconds);
    expect(columns).toEqual({ operationalSeconds: 1, degradedSeconds: 2, partialOutageSeconds: 3, majorOutageSeconds: 4, maintenanceSeconds: 5, unknownSeconds: 6 });
    expect(fromComponentRollup(columns)).toEqual(seconds);
    expect(toComponentRollupColumns({ major_outage: 7 })).toMatchObject({ operationalSeconds: 0, majorOutageSeconds: 7 });
  });

  it("reads MonitorRollup columns with down as a major outage", () => {
    const seconds = fromMonitorRollup({ upSeconds: 800, degradedSeconds: 100, downSeconds: 100, unknownSeconds: 50, maintenanceSeconds: 60 });
    expect(uptimeFraction(seconds)).toBeCloseTo(0.9, 12);
    expect(seconds).toMatchObject({ partial_outage: 0, unknown: 50, under_maintenance: 60 });
  });
});
