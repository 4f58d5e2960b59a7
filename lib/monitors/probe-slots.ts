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

export function slotPhaseMs(monitorId: string, intervalMs: number): number {
  const digest = createHash("sha256").update(monitorId).digest();
  return digest.readUInt32BE(0) % intervalMs;
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

/**
 * A deterministic job id per (region, monitor, slot): planning the same window twice (two workers
 * racing) inserts the same ids, and the queue's primary key refuses the second insert.
 */
export function probeJobId(slot: ProbeSlot): string {
  const hex = createHash("sha256")
    .update(`${slot.region}\n${slot.monitorId}\n${slot.slotAt.toISOString()}`)
    .digest("hex");
  // Shaped as an RFC 9562 version 8 (custom) UUID.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
