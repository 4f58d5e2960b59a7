// Turns monitors into pg-boss probe jobs, one per (monitor, region, slot), a window at a time.
// Every worker runs a planner; job ids are deterministic and pg-boss inserts with ON CONFLICT DO
// NOTHING on its (queue, id) key, so when two workers plan the same window each slot exists once.
import type PgBoss from "pg-boss";
import { listScheduledMonitors } from "../lib/monitors/probe-targets";
import { PLAN_WINDOW_MS, probeJobId, slotsInWindow, windowToPlan, type ScheduledMonitor } from "../lib/monitors/probe-slots";
import { ensureQueue, probeQueueName, type ProbeJobData } from "./queues";

/** Plans the window due at `now`; returns how many slots it holds (already planned ones included). */
export async function planProbeWindow(boss: PgBoss, now: Date): Promise<number> {
  const windowStart = windowToPlan(now);
  const monitors = await listScheduledMonitors();
  const byRegion = new Map<string, PgBoss.JobInsert<ProbeJobData>[]>();
  for (const monitor of monitors) {
    for (const slot of slotsInWindow(monitor, windowStart)) {
      const jobs = byRegion.get(slot.region) ?? [];
      jobs.push(probeJob(monitor, slot.region, slot.slotAt));
      byRegion.set(slot.region, jobs);
    }
  }
  let slots = 0;
  for (const [region, jobs] of byRegion) {
    await ensureQueue(boss, probeQueueName(region));
    await boss.insert(jobs);
    slots += jobs.length;
  }
  return slots;
}

function probeJob(monitor: ScheduledMonitor, region: string, slotAt: Date): PgBoss.JobInsert<ProbeJobData> {
  const intervalMs = monitor.intervalSeconds * 1000;
  return {
    id: probeJobId({ monitorId: monitor.id, region, slotAt }),
    name: probeQueueName(region),
    data: { monitorId: monitor.id, slotAt: slotAt.toISOString() },
    startAfter: slotAt,
    // A check not started before the next slot is worthless: the next slot supersedes it.
    keepUntil: new Date(slotAt.getTime() + Math.max(intervalMs, PLAN_WINDOW_MS)),
    // A worker that dies mid-check loses that check: never retried, never run twice.
    retryLimit: 0,
    expireInSeconds: Math.ceil(monitor.timeoutMs / 1000) + 60,
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
