// When each monitor is checked. Every monitor gets a fixed phase inside its interval (from its id),
// so 10,000 monitors at 60 s spread evenly over the minute instead of all firing at :00. Planning
// happens in fixed windows; a slot belongs to exactly one window, so consecutive windows neither
// skip nor repeat a check.
import { createHash } from "node:crypto";

export const PLAN_WINDOW_MS = 5_000;
/** How far ahead of its window a window is planned, so jobs exist before they are due. */
export const PLAN_LEAD_MS = 5_000;

export type ScheduledMonitor = { id: string; intervalSeconds: number; timeoutMs: number; regions: readonly string[] };
export type ProbeSlot = { monitorId: string; region: string; slotAt: Date };

export function windowStartAt(time: Date): Date {
  return new Date(Math.floor(time.getTime() / PLAN_WINDOW_MS) * PLAN_WINDOW_MS);
}

/** The window to plan at `now`: the one starting PLAN_LEAD_MS from the current window. */
export function windowToPlan(now: Date): Date {
  return new Date(windowStartAt(now).getTime() + PLAN_LEAD_MS);
}

/**
 * Phases fall on a grid: checks due in the same quarter second start together (at 125, 375, 625
 * and 875 ms into each second, clear of a second's first moments, when its job is fetched). A
 * check started alone wakes the process for each step of its connection; started with others,
 * one wake-up serves several, for about half the CPU per check (docs/architecture.md, "Checks
 * start in groups"). The spread over an interval stays: 240 start times a minute.
 */
export const SLOT_GRID_MS = 250;
const GRID_OFFSET_MS = 125;

/**
 * A monitor's fixed phase inside its interval (a whole number of seconds): from its id, moved to the
 * middle of its grid cell — at most 125 ms from where it was before the grid.
 */
export function slotPhaseMs(monitorId: string, intervalMs: number): number {
  const phase = createHash("sha256").update(monitorId).digest().readUInt32BE(0) % intervalMs;
  return phase - (phase % SLOT_GRID_MS) + GRID_OFFSET_MS;
}

/** Shorter intervals are clamped: probing faster than this is load, not monitoring. */
export const MIN_INTERVAL_SECONDS = 10;

/** The slots of one monitor in [windowStart, windowStart + PLAN_WINDOW_MS), per region. */
export function slotsInWindow(monitor: ScheduledMonitor, windowStart: Date): ProbeSlot[] {
  const intervalMs = Math.max(monitor.intervalSeconds, MIN_INTERVAL_SECONDS) * 1000;
  const phase = slotPhaseMs(monitor.id, intervalMs);
  const start = windowStart.getTime();
  const end = start + PLAN_WINDOW_MS;
  const slots: ProbeSlot[] = [];
  for (let at = Math.ceil((start - phase) / intervalMs) * intervalMs + phase; at < end; at += intervalMs) {
    for (const region of monitor.regions) slots.push({ monitorId: monitor.id, region, slotAt: new Date(at) });
  }
  return slots;
}

/** Slots are grouped into probe jobs by the second they fall in… */
export const SLICE_MS = 1_000;
/**
 * …and a busy second is split into shards of its monitors, so several workers share it. Each job
 * costs a fetch, a monitor load and a completion whatever its size, so a second is split only
 * above this many checks per job: 1,000 monitors at 20 s make one job a second, not four.
 */
const SLOTS_PER_SHARD = 100;
export const MAX_PROBE_SHARDS = 4;

/** How many jobs a second of `slots` checks (of one region) is split into. */
export function probeShardCount(slots: number): number {
  return Math.min(MAX_PROBE_SHARDS, Math.max(1, Math.ceil(slots / SLOTS_PER_SHARD)));
}

/** A monitor's shard among `shards`: fixed (from its id), so a slot belongs to one job whoever plans it. */
export function probeShardOf(monitorId: string, shards: number): number {
  return createHash("sha256").update(monitorId).digest().readUInt32BE(4) % shards;
}

/**
 * Moments inside a slice at which a runner that found no job looks again. A slice's jobs are due
 * from its first millisecond (their startAfter, by the database's clock): looking just after it
 * takes them at once. The second look covers a database clock up to a quarter second behind the
 * worker's, for which the slice has not begun yet at the first look.
 */
const EMPTY_FETCH_MOMENTS_MS = [20, 250];

/**
 * How long a runner whose fetch found no job waits before it fetches again, at `now` (epoch ms).
 * `tookThisSlice`: it took a job earlier in this slice, so the database's clock has reached the
 * slice and every job of it was due at that fetch — the next look is the next slice's first.
 */
export function untilNextProbeFetch(now: number, tookThisSlice = false): number {
  const intoSlice = now % SLICE_MS;
  const next = (tookThisSlice ? undefined : EMPTY_FETCH_MOMENTS_MS.find((moment) => moment > intoSlice)) ?? SLICE_MS + EMPTY_FETCH_MOMENTS_MS[0]!;
  return next - intoSlice;
}

/** One probe job: the slots of one region that fall in one slice (one second), or of one shard of them. */
export type ProbeBatch = { region: string; sliceAt: Date; shard: number; shards: number; slots: ProbeSlot[] };

/**
 * Groups slots into jobs by (region, slice) and, for a busy slice, by shard. However many monitors
 * there are, a window makes at most PLAN_WINDOW_MS / SLICE_MS × MAX_PROBE_SHARDS jobs per region
 * (20), not one per check.
 */
export function batchSlots(slots: Iterable<ProbeSlot>): ProbeBatch[] {
  const slices = new Map<string, { region: string; sliceAt: Date; slots: ProbeSlot[] }>();
  for (const slot of slots) {
    const sliceAt = Math.floor(slot.slotAt.getTime() / SLICE_MS) * SLICE_MS;
    const key = `${slot.region}\n${sliceAt}`;
    const slice = slices.get(key);
    if (slice) slice.slots.push(slot);
    else slices.set(key, { region: slot.region, sliceAt: new Date(sliceAt), slots: [slot] });
  }
  return [...slices.values()].flatMap(({ region, sliceAt, slots: sliceSlots }) => {
    const shards = probeShardCount(sliceSlots.length);
    const batches = Array.from({ length: shards }, (_, shard): ProbeBatch => ({ region, sliceAt, shard, shards, slots: [] }));
    for (const slot of sliceSlots) batches[probeShardOf(slot.monitorId, shards)]!.slots.push(slot);
    return batches.filter((batch) => batch.slots.length > 0);
  });
}

/**
 * A deterministic job id per (region, slice, shard of shards): planning the same window twice (two
 * workers racing) inserts the same ids, and the queue's primary key refuses the second insert. Two
 * planners that see a different number of monitors may split a slice differently (a monitor added
 * meanwhile, across SLOTS_PER_SHARD): its slots are then in two jobs, checked twice and stored once
 * (the result key), and the state machine ignores a slot it has applied already.
 */
export function probeJobId(batch: Pick<ProbeBatch, "region" | "sliceAt" | "shard" | "shards">): string {
  const hex = createHash("sha256")
    .update(`${batch.region}\n${batch.sliceAt.toISOString()}\n${batch.shard}/${batch.shards}`)
    .digest("hex");
  // Shaped as an RFC 9562 version 8 (custom) UUID.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
