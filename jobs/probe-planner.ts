// Turns monitors into pg-boss probe jobs, a window at a time: one job per (region, second, shard of
// the monitors), not one per check, so the queue holds a few jobs per second whatever the number
// of monitors. Every worker runs a planner; job ids are deterministic and pg-boss inserts with ON
// CONFLICT DO NOTHING on its (queue, id) key, so when two workers plan the same window each slot
// exists once.
import type PgBoss from "pg-boss";
import { listScheduledMonitors } from "../lib/monitors/probe-targets";
import { batchSlots, MIN_INTERVAL_SECONDS, PLAN_WINDOW_MS, probeJobId, SLICE_MS, slotsInWindow, windowToPlan, type ProbeBatch, type ScheduledMonitor } from "../lib/monitors/probe-slots";
import { ensureQueue, probeQueueName, type ProbeJobData } from "./queues";

/**
 * How long past its last possible check a job may stay active before pg-boss expires it and hands
 * it to another worker: room for storing the results while the database is slow.
 */
const EXPIRY_MARGIN_SECONDS = 30;

/** Plans the window due at `now`; returns how many slots it holds (already planned ones included). */
export async function planProbeWindow(boss: PgBoss, now: Date): Promise<number> {
  const windowStart = windowToPlan(now);
  const monitors = await listScheduledMonitors();
  const byId = new Map(monitors.map((monitor) => [monitor.id, monitor]));
  const batches = batchSlots(monitors.flatMap((monitor) => slotsInWindow(monitor, windowStart)));
  const byRegion = new Map<string, PgBoss.JobInsert<ProbeJobData>[]>();
  let slots = 0;
  for (const batch of batches) {
    const jobs = byRegion.get(batch.region) ?? [];
    jobs.push(probeJob(batch, byId));
    byRegion.set(batch.region, jobs);
    slots += batch.slots.length;
  }
  for (const [region, jobs] of byRegion) {
    await ensureQueue(boss, probeQueueName(region));
    await boss.insert(jobs);
  }
  return slots;
}

function probeJob(batch: ProbeBatch, monitors: ReadonlyMap<string, ScheduledMonitor>): PgBoss.JobInsert<ProbeJobData> {
  const scheduled = batch.slots.map((slot) => monitors.get(slot.monitorId)!);
  const shortestIntervalMs = Math.max(MIN_INTERVAL_SECONDS, Math.min(...scheduled.map((monitor) => monitor.intervalSeconds))) * 1000;
  const longestTimeoutMs = Math.max(...scheduled.map((monitor) => monitor.timeoutMs));
  const sliceAt = batch.sliceAt.getTime();
  return {
    id: probeJobId(batch),
    name: probeQueueName(batch.region),
    data: { sliceAt: batch.sliceAt.toISOString(), slots: batch.slots.map((slot) => [slot.monitorId, slot.slotAt.getTime() - sliceAt]) },
    startAfter: batch.sliceAt,
    // Not started before the next slot of its monitors, the job is worthless: the next one supersedes it.
    keepUntil: new Date(sliceAt + Math.max(shortestIntervalMs, PLAN_WINDOW_MS)),
    // A worker that dies holding the job leaves it active; pg-boss expires it, and another worker
    // runs what is still worth running (slots not recorded and not superseded yet, probe-runner.ts).
    expireInSeconds: Math.ceil((SLICE_MS + longestTimeoutMs) / 1000) + EXPIRY_MARGIN_SECONDS,
    retryLimit: 1,
    retryDelay: 0,
  };
}

export function startProbePlanner(boss: PgBoss, log: (message: string) => void): { stop(): void } {
  let lastPlanned = 0;
  let running = false;
  // A planner that starts — a new worker, or one restarted after a crash — first plans the
  // previous and the current window too: whoever planned before it may have died before reaching
  // them. Slots planned already are not planned again (deterministic ids); slots past their
  // keep-until are never run.
  let catchingUp = true;
  const timer = setInterval(() => {
    const now = new Date();
    const window = windowToPlan(now).getTime();
    if (running || window <= lastPlanned) return;
    running = true;
    const moments = catchingUp ? [2, 1, 0].map((windowsBack) => new Date(now.getTime() - windowsBack * PLAN_WINDOW_MS)) : [now];
    (async () => {
      for (const moment of moments) await planProbeWindow(boss, moment);
    })()
      .then(() => {
        lastPlanned = window;
        catchingUp = false;
      })
      .catch((error: Error) => log(`planning probes failed: ${error.message}`))
      .finally(() => (running = false));
  }, 1_000);
  return { stop: () => clearInterval(timer) };
}
