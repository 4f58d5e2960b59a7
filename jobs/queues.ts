// The pg-boss queues this worker serves. Each handler validates its payload, then calls lib/.
import PgBoss from "pg-boss";
import { z } from "zod";
import { SLICE_MS } from "../lib/monitors/probe-slots";

export const QUEUES = {
  /** Cluster-wide housekeeping, scheduled through pg-boss so it runs once per tick, not once per worker. */
  housekeeping: { name: "housekeeping", cron: "*/5 * * * *", payload: z.object({}).strict() },
  /** Monitors nobody checked for two intervals (all workers of a region gone) become unknown. */
  silentMonitors: { name: "silent-monitors", cron: "* * * * *", payload: z.object({}).strict() },
  /** Hourly and daily uptime buckets, recomputed for the current and previous bucket. */
  uptimeRollups: { name: "uptime-rollups", cron: "*/5 * * * *", payload: z.object({}).strict() },
  /** Maintenance windows start and end, quiet automatic incidents resolve, stale ones remind admins. */
  incidentClock: { name: "incident-clock", cron: "* * * * *", payload: z.object({}).strict() },
  /** Alerts about Vigil itself: a region without live workers, email delivery failing. */
  systemAlerts: { name: "system-alerts", cron: "* * * * *", payload: z.object({}).strict() },
} as const;

/** Probe jobs are queued per region; the workers of a region serve its queue. */
export function probeQueueName(region: string): string {
  return `probe-${region}`;
}

/** One probe job: the slots of one (region, second, shard), each as [monitor id, ms after `sliceAt`]. */
export const ProbeJobData = z.object({
  sliceAt: z.iso.datetime(),
  slots: z.array(z.tuple([z.string().min(1), z.number().int().min(0).lt(SLICE_MS)])).min(1),
});
export type ProbeJobData = z.infer<typeof ProbeJobData>;

/**
 * pg-boss housekeeping, run by one worker of the cluster at a time. Job rows stay few and do not
 * grow with time: finished jobs leave the job table after a minute (long enough for a planner
 * re-planning a recent window to find their ids taken) and the archive after ten; a probe job
 * held by a dead worker expires within a maintenance interval of its expiry, not pg-boss's
 * default two minutes.
 */
export const QUEUE_MAINTENANCE = {
  maintenanceIntervalSeconds: 10,
  archiveCompletedAfterSeconds: 60,
  archiveFailedAfterSeconds: 3600,
  deleteAfterSeconds: 600,
} satisfies PgBoss.ConstructorOptions;

/**
 * How often a worker looks for the scheduled (cron) jobs of QUEUES, and pg-boss for the due
 * schedules it turns into them (a queue of its own). They tick each minute or five, and pg-boss
 * already creates them up to half a minute into their minute: looking every 15 s rather than 5 s
 * costs little lateness and a third of the idle fetches. Work that must happen at its moment does
 * not wait for a tick (jobs/incident-moment-clock.ts).
 */
export const SCHEDULED_POLL_SECONDS = 15;

const created = new Set<string>();

/** Postgres aborts one of two transactions that deadlock (40P01) or race on a new row (23505). */
const RETRYABLE = new Set(["40P01", "23505"]);

/**
 * createQueue is idempotent but costs a round trip, so this process remembers what it created.
 * Two workers creating the same new queue at once can deadlock inside pg-boss (it creates a
 * partition table); the loser retries and finds the queue there.
 */
export async function ensureQueue(boss: PgBoss, name: string): Promise<void> {
  if (created.has(name)) return;
  for (let attempt = 1; ; attempt++) {
    try {
      await boss.createQueue(name);
      break;
    } catch (error) {
      if (attempt >= 5 || !RETRYABLE.has((error as { code?: string }).code ?? "")) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
  created.add(name);
}

/**
 * Starts a pg-boss client. Workers starting at once on a fresh database all try to install
 * pg-boss's schema; pg-boss serialises that, yet a loser was seen failing on the catalog entry the
 * winner had just written (duplicate key on pg_namespace, once in CI through PgBouncer; not
 * reproducible on demand). A client that failed to start cannot start again, so the loser starts
 * a new one, which finds the schema installed.
 */
export async function startQueueClient(options: PgBoss.ConstructorOptions, onError: (error: Error) => void): Promise<PgBoss> {
  for (let attempt = 1; ; attempt++) {
    const boss = new PgBoss(options);
    boss.on("error", onError);
    try {
      return await boss.start();
    } catch (error) {
      await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
      if (attempt >= 3 || !RETRYABLE.has((error as { code?: string }).code ?? "")) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}
