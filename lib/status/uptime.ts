// Uptime arithmetic: time spent per status inside a bucket, the uptime formula, and the figures and
// 90-day bars the page shows, from hourly and daily buckets. Pure; time is always a parameter.
// The formula in words is in docs/status-rules.md.
//
//   secondsPerStatus(timeline, from, to)        whole seconds per status in [from, to) (any status type)
//   componentSecondsPerStatus(timeline, from, to): StatusSeconds   the same, every component status keyed
//   uptimeFraction(seconds): number | null      major outage = down, partial outage = 30 % down,
//                                               maintenance and unknown left out; null: nothing measured
//   uptimeFigures({ hourly, daily, now, dayStarts? })   24 h / 7 d / 30 d / 90 d
//   dailyBars(daily, dayStarts)                 one bar per day: worst status and uptime
//   utcHourStarts(now, n), utcDayStarts(now, n) bucket starts ending with the current one
//   formatUptimePercent(fraction)               "99.95%", never rounded up to 100%
//   fromComponentRollup(row), toComponentRollupColumns(seconds), fromMonitorRollup(row)
//                                               ComponentRollup / MonitorRollup columns ↔ StatusSeconds
import { ComponentStatus } from "../generated/prisma/enums";
import { worstStatus as worstOf } from "./status-rank";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** A component's status over time; "unknown" where there is no record (before it existed). */
export type TimelineStatus = ComponentStatus | "unknown";
export type StatusChange<S extends string = TimelineStatus> = { at: Date; status: S };
export type StatusTimeline<S extends string = TimelineStatus> = {
  /** The status before the first change (the last change before the window, or "unknown"). */
  statusBefore: S;
  /** Changes sorted by time (ComponentStatusChange rows); unsorted input is sorted here. */
  changes: readonly StatusChange<S>[];
};
export type StatusSeconds = Record<TimelineStatus, number>;

export const TIMELINE_STATUSES = [
  "operational",
  "degraded_performance",
  "partial_outage",
  "major_outage",
  "under_maintenance",
  "unknown",
] as const satisfies readonly TimelineStatus[];

export function zeroSeconds(): StatusSeconds {
  return { operational: 0, degraded_performance: 0, partial_outage: 0, major_outage: 0, under_maintenance: 0, unknown: 0 };
}

// ---------------------------------------------------------------------------------------------
// (a) Timeline → seconds per status

/** Milliseconds spent in each status inside [from, to), in order of first appearance. */
function millisecondsPerStatus<S extends string>(timeline: StatusTimeline<S>, from: number, to: number): Map<S, number> {
  const durations = new Map<S, number>();
  const changes = timeline.changes.toSorted((a, b) => a.at.getTime() - b.at.getTime());
  let status = timeline.statusBefore;
  let since = from;
  for (const change of changes) {
    const at = change.at.getTime();
    if (at >= to) break;
    if (at > since) {
      durations.set(status, (durations.get(status) ?? 0) + at - since);
      since = at;
    }
    status = change.status;
  }
  if (to > since) durations.set(status, (durations.get(status) ?? 0) + to - since);
  return durations;
}

/**
 * Whole seconds per status inside [from, to), for the integer rollup columns. Rounded by largest
 * remainder, so they add up to the window's length in whole seconds: a bucket never gains or loses
 * a second to rounding. The caller keeps `to` at or before now — the future is not observed yet.
 */
export function secondsPerStatus<S extends string>(timeline: StatusTimeline<S>, from: Date, to: Date): Partial<Record<S, number>> {
  const durations = [...millisecondsPerStatus(timeline, from.getTime(), to.getTime())];
  const totalSeconds = Math.round(durations.reduce((sum, [, ms]) => sum + ms, 0) / 1000);
  const seconds = durations.map(([status, ms]) => ({ status, whole: Math.floor(ms / 1000), remainder: ms % 1000 }));
  let missing = totalSeconds - seconds.reduce((sum, entry) => sum + entry.whole, 0);
  for (const entry of seconds.toSorted((a, b) => b.remainder - a.remainder)) {
    if (missing <= 0) break;
    entry.whole += 1;
    missing -= 1;
  }
  const result: Partial<Record<S, number>> = {};
  for (const entry of seconds) result[entry.status] = entry.whole;
  return result;
}

export function componentSecondsPerStatus(timeline: StatusTimeline, from: Date, to: Date): StatusSeconds {
  return { ...zeroSeconds(), ...secondsPerStatus(timeline, from, to) };
}

// ---------------------------------------------------------------------------------------------
// (b) The formula

/** A partial outage counts as 30 % downtime, as on Statuspage's uptime display. */
export const PARTIAL_OUTAGE_WEIGHT = 0.3;

/**
 * uptime = 1 − (major + 0.3 × partial) / (operational + degraded + partial + major)
 * Degraded performance is up (slow is not down). Maintenance and unknown time are left out of the
 * denominator: planned work is not downtime, and time we did not observe is neither up nor down.
 * null when nothing was measured.
 */
export function uptimeFraction(seconds: Partial<StatusSeconds>): number | null {
  const operational = seconds.operational ?? 0;
  const degraded = seconds.degraded_performance ?? 0;
  const partial = seconds.partial_outage ?? 0;
  const major = seconds.major_outage ?? 0;
  const measured = operational + degraded + partial + major;
  if (measured <= 0) return null;
  const downtime = major + PARTIAL_OUTAGE_WEIGHT * partial;
  return (measured - downtime) / measured;
}

/** "99.95%": rounded down, so any downtime at all never reads as 100%. null → null. */
export function formatUptimePercent(fraction: number | null, decimals = 2): string | null {
  if (fraction === null) return null;
  const scale = 10 ** decimals;
  // The small epsilon keeps 0.9995 × 10⁴ = 9994.999… from losing a digit to binary floating point.
  const floored = Math.floor(fraction * 100 * scale + 1e-9) / scale;
  return `${floored.toFixed(decimals)}%`;
}

// ---------------------------------------------------------------------------------------------
// (c) Buckets → figures and bars

export type StatusBucket = { bucketStart: Date; seconds: Partial<StatusSeconds> };

export function addSeconds(a: Partial<StatusSeconds>, b: Partial<StatusSeconds>): StatusSeconds {
  const sum = zeroSeconds();
  for (const status of TIMELINE_STATUSES) sum[status] = (a[status] ?? 0) + (b[status] ?? 0);
  return sum;
}

export function utcHourStarts(now: Date, count: number): Date[] {
  const current = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
  return Array.from({ length: count }, (_, i) => new Date(current - (count - 1 - i) * HOUR_MS));
}

/** UTC day starts, oldest first, ending with today's. Pages in another time zone pass their own. */
export function utcDayStarts(now: Date, count: number): Date[] {
  const today = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  return Array.from({ length: count }, (_, i) => new Date(today - (count - 1 - i) * DAY_MS));
}

function secondsByStart(buckets: readonly StatusBucket[]): Map<number, StatusSeconds> {
  const byStart = new Map<number, StatusSeconds>();
  for (const bucket of buckets) {
    const start = bucket.bucketStart.getTime();
    byStart.set(start, addSeconds(byStart.get(start) ?? {}, bucket.seconds));
  }
  return byStart;
}

/** What can colour a bar ("unknown" never does). */
const BAR_STATUSES = Object.values(ComponentStatus);

export type DailyBar = {
  day: Date;
  /** The worst status the day saw, for the bar's colour; null when the day has no record. */
  worstStatus: ComponentStatus | null;
  uptime: number | null;
  seconds: StatusSeconds;
};

/** One bar per entry of `dayStarts` (oldest first), from daily buckets matched by their start. */
export function dailyBars(daily: readonly StatusBucket[], dayStarts: readonly Date[]): DailyBar[] {
  const byStart = secondsByStart(daily);
  return dayStarts.map((day) => {
    const seconds = byStart.get(day.getTime()) ?? zeroSeconds();
    const worstStatus = worstOf(BAR_STATUSES.filter((status) => seconds[status] > 0)) ?? null;
    return { day, worstStatus, uptime: uptimeFraction(seconds), seconds };
  });
}

export type UptimeWindow = "24h" | "7d" | "30d" | "90d";
export type UptimeFigure = { uptime: number | null; seconds: StatusSeconds };

const WINDOW_DAYS = { "7d": 7, "30d": 30, "90d": 90 } as const;

function figureOf(secondsList: readonly StatusSeconds[]): UptimeFigure {
  const seconds = secondsList.reduce<StatusSeconds>((sum, entry) => addSeconds(sum, entry), zeroSeconds());
  return { uptime: uptimeFraction(seconds), seconds };
}

/**
 * 24 h: the current UTC hour's bucket and the 23 before it. 7 d / 30 d / 90 d: today's day bucket
 * and the 6 / 29 / 89 before it, by `dayStarts` (default: UTC days; pass the page time zone's day
 * starts, oldest first, ending with today's, at least 90 of them). Current buckets are partial: the
 * rollup writer keeps them up to date.
 */
export function uptimeFigures(input: {
  hourly: readonly StatusBucket[];
  daily: readonly StatusBucket[];
  now: Date;
  dayStarts?: readonly Date[];
}): Record<UptimeWindow, UptimeFigure> {
  const hourly = secondsByStart(input.hourly);
  const daily = secondsByStart(input.daily);
  const dayStarts = input.dayStarts ?? utcDayStarts(input.now, WINDOW_DAYS["90d"]);
  const daysBack = (count: number) => dayStarts.slice(-count).map((day) => daily.get(day.getTime()) ?? zeroSeconds());
  return {
    "24h": figureOf(utcHourStarts(input.now, 24).map((hour) => hourly.get(hour.getTime()) ?? zeroSeconds())),
    "7d": figureOf(daysBack(WINDOW_DAYS["7d"])),
    "30d": figureOf(daysBack(WINDOW_DAYS["30d"])),
    "90d": figureOf(daysBack(WINDOW_DAYS["90d"])),
  };
}

// ---------------------------------------------------------------------------------------------
// Rollup rows ↔ StatusSeconds

export type ComponentRollupColumns = {
  operationalSeconds: number;
  degradedSeconds: number;
  partialOutageSeconds: number;
  majorOutageSeconds: number;
  maintenanceSeconds: number;
  unknownSeconds: number;
};

export function fromComponentRollup(row: ComponentRollupColumns): StatusSeconds {
  return {
    operational: row.operationalSeconds,
    degraded_performance: row.degradedSeconds,
    partial_outage: row.partialOutageSeconds,
    major_outage: row.majorOutageSeconds,
    under_maintenance: row.maintenanceSeconds,
    unknown: row.unknownSeconds,
  };
}

export function toComponentRollupColumns(seconds: Partial<StatusSeconds>): ComponentRollupColumns {
  const all = addSeconds(seconds, {});
  return {
    operationalSeconds: all.operational,
    degradedSeconds: all.degraded_performance,
    partialOutageSeconds: all.partial_outage,
    majorOutageSeconds: all.major_outage,
    maintenanceSeconds: all.under_maintenance,
    unknownSeconds: all.unknown,
  };
}

export type MonitorRollupColumns = {
  upSeconds: number;
  degradedSeconds: number;
  downSeconds: number;
  unknownSeconds: number;
  maintenanceSeconds: number;
};

/** A monitor has no partial outage: down counts in full, degraded as up, like a component. */
export function fromMonitorRollup(row: MonitorRollupColumns): StatusSeconds {
  return {
    operational: row.upSeconds,
    degraded_performance: row.degradedSeconds,
    partial_outage: 0,
    major_outage: row.downSeconds,
    under_maintenance: row.maintenanceSeconds,
    unknown: row.unknownSeconds,
  };
}
