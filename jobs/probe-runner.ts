// Runs this worker's share of probe jobs. A job holds the slots of one (region, second, shard of
// the monitors): the runner takes jobs while it keeps up, runs each check at its slot under a
// global and a per-host concurrency limit, and hands results over in batches (stored, then applied
// to monitor states and component statuses). A job is completed only once all its results are
// stored. A worker that dies leaves its jobs active; pg-boss expires them and another worker runs
// what is still worth running: the slots not recorded yet whose next slot has not come.
import type PgBoss from "pg-boss";
import { BLOCKED_ADDRESS } from "../lib/checks/reason-codes";
import type { MonitorCheck } from "../lib/checks/schemas";
import { runCheck, runParsedCheck, type RunCheckOptions } from "../lib/checks/run-check";
import { parseHttpUrl } from "../lib/checks/targets";
import { observeCheck } from "../lib/metrics/process-metrics";
import { RecentCheckStates } from "../lib/monitors/probe-network";
import { MIN_INTERVAL_SECONDS, SLICE_MS, untilNextProbeFetch } from "../lib/monitors/probe-slots";
import { loadMonitorsToProbe, type MonitorToProbe } from "../lib/monitors/probe-targets";
import { processCheckResults } from "../lib/check-results/process-check-results";
import { listRecordedSlots, slotKey, type RecordedCheck } from "../lib/check-results/record-check-results";
import { KeyedLimiter } from "./keyed-limiter";
import { ensureQueue, ProbeJobData, probeQueueName } from "./queues";

export type ProbeRunnerOptions = {
  region: string;
  workerId: string;
  /** Checks to run at once: PROBE_CONCURRENCY, lowered while memory runs short (jobs/memory-watch.ts). */
  concurrency: () => number;
  perHostConcurrency: number;
  /** Policy and trust for the next check (it may change while running); each check is timed by the runner (its slot, or now). */
  checkOptions: () => Omit<RunCheckOptions, "now">;
  /** Checked when a whole batch failed, to tell a broken probe network from a global outage. */
  canaryUrls: readonly string[];
  log: (message: string) => void;
};

/**
 * A flush is one transaction of several statements whatever its size: once a second, not twice,
 * halves that fixed cost, for at most half a second more before a result counts.
 */
const FLUSH_EVERY_MS = 1_000;
const FLUSH_AT_ROWS = 500;
/** While the database is unreachable, results wait in memory up to this many; older ones are dropped. */
const MAX_BUFFERED = 20_000;
/** The one key of the global limiter: at most `concurrency()` checks at once, whatever their host. */
const ANY_HOST = "";

/** A job this worker holds, and how many of its checks are not stored yet. */
type HeldJob = { id: string; open: number };

export async function startProbeRunner(boss: PgBoss, options: ProbeRunnerOptions) {
  const queue = probeQueueName(options.region);
  await ensureQueue(boss, queue);
  const places = new KeyedLimiter(options.concurrency);
  const hosts = new KeyedLimiter(options.perHostConcurrency);
  /** Checks of held jobs not run yet or running: what this worker has taken on. */
  let pending = 0;
  /** Checks due but waiting for a free place: this worker is behind, so it takes no more jobs. */
  let waiting = 0;
  let stopping = false;
  let wake: (() => void) | null = null;
  /**
   * The pump waits for room (not for jobs): a finished check wakes it. One waiting for jobs is not
   * woken by checks — every finished check would otherwise poll the queue again, most of the
   * worker's database statements.
   */
  let waitingForRoom = false;
  const buffer: { check: RecordedCheck; job: HeldJob }[] = [];
  const recentStates = new RecentCheckStates();
  /** Jobs whose checks are all stored or skipped: completed with the next flush. */
  const finished: string[] = [];

  const nudge = () => {
    wake?.();
    wake = null;
  };
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  /** One check of `job` is done with: stored, skipped, or given up. */
  function settle(job: HeldJob) {
    job.open -= 1;
    if (job.open === 0) finished.push(job.id);
  }

  async function probe(job: HeldJob, slotAt: Date, monitorId: string, check: MonitorCheck) {
    waiting += 1;
    await places.acquire(ANY_HOST);
    waiting -= 1;
    const host = hostKey(check.target);
    await hosts.acquire(host);
    try {
      const checkedAt = new Date();
      const result = await runParsedCheck(check, { ...options.checkOptions(), now: checkedAt });
      observeCheck({ kind: check.kind, state: result.state, region: options.region, durationMs: result.timings.total });
      buffer.push({ job, check: { monitorId, region: options.region, workerId: options.workerId, slotAt, checkedAt, result } });
    } catch (error) {
      // runParsedCheck throws only for a programming error: the check is lost, not counted as downtime.
      options.log(`monitor ${monitorId} cannot be checked: ${(error as Error).message}`);
      settle(job);
    } finally {
      hosts.release(host);
      places.release(ANY_HOST);
      pending -= 1;
      if (waitingForRoom) nudge();
    }
    if (buffer.length >= FLUSH_AT_ROWS) void flush();
  }

  let flushing: Promise<void> | null = null;
  function flush(): Promise<void> {
    flushing ??= (async () => {
      const batch = buffer.splice(0, buffer.length);
      try {
        await storeResults(batch.map((entry) => entry.check));
      } catch (error) {
        options.log(`writing ${batch.length} results failed, will retry: ${(error as Error).message}`);
        buffer.unshift(...batch);
        // Dropped results are lost for good: their jobs complete without them.
        for (const dropped of buffer.splice(0, Math.max(0, buffer.length - MAX_BUFFERED))) settle(dropped.job);
        return;
      }
      for (const entry of batch) settle(entry.job);
      const done = finished.splice(0, finished.length);
      if (done.length > 0) {
        await boss.complete(queue, done).catch((error: Error) => {
          options.log(`completing ${done.length} probe jobs failed, will retry: ${error.message}`);
          finished.push(...done);
        });
      }
    })().finally(() => (flushing = null));
    return flushing;
  }
  const flushTimer = setInterval(() => void flush(), FLUSH_EVERY_MS);

  async function storeResults(checks: RecordedCheck[]) {
    if (checks.length === 0) return;
    // A check the SSRF guard refused never touched the network: it says nothing about it either.
    const probed = checks.filter((check) => !check.result.reasons.some((reason) => reason.code === BLOCKED_ADDRESS));
    const networkBroken = recentStates.recordBatch(probed.map((check) => check.result.state), new Date()) && (await canariesFail());
    if (networkBroken) options.log(`these ${checks.length} checks, every check of the last minute and the canaries failed: counting this batch as unknown`);
    await processCheckResults(checks, new Date(), networkBroken ? { [options.region]: true } : {});
  }

  async function canariesFail(): Promise<boolean> {
    const results = await Promise.all(
      options.canaryUrls.map((url) => runCheck({ kind: "http", target: url, timeoutMs: 5_000 }, { ...options.checkOptions(), now: new Date() })),
    );
    return results.length > 0 && results.every((result) => result.state === "down");
  }

  /** Schedules the job's checks at their slots; returns once they are scheduled, not run. */
  async function take(job: PgBoss.JobWithMetadata<unknown>) {
    const data = ProbeJobData.safeParse(job.data);
    if (!data.success) {
      finished.push(job.id); // malformed: nothing to check
      return;
    }
    const sliceAt = Date.parse(data.data.sliceAt);
    const slots = data.data.slots.map(([monitorId, offsetMs]) => ({ monitorId, slotAt: new Date(sliceAt + offsetMs) }));
    const monitors = await loadMonitorsToProbe(slots.map((slot) => slot.monitorId));
    // Run again after its worker died: that worker may have stored some of its results.
    const recorded = job.retryCount > 0 ? await listRecordedSlots(options.region, slots) : new Set<string>();
    const now = Date.now();
    const runnable = slots.flatMap((slot) => {
      const monitor = monitors.get(slot.monitorId); // absent: paused or deleted, nothing to check
      if (!monitor || recorded.has(slotKey(slot.monitorId, slot.slotAt)) || supersededAt(monitor, slot.slotAt) <= now) return [];
      if (!monitor.parsed.ok) {
        // A row that does not parse (edited outside Vigil) is a configuration error, not downtime.
        options.log(`monitor ${monitor.id} cannot be checked: ${monitor.parsed.problem}`);
        return [];
      }
      return [{ monitorId: monitor.id, check: monitor.parsed.check, slotAt: slot.slotAt }];
    });
    if (runnable.length === 0) {
      finished.push(job.id);
      return;
    }
    const heldJob: HeldJob = { id: job.id, open: runnable.length };
    pending += runnable.length;
    for (const { monitorId, check, slotAt } of runnable) runAt(slotAt.getTime(), () => void probe(heldJob, slotAt, monitorId, check));
  }

  // Takes a job only while the checks taken on are fewer than the limit and none waits for a place,
  // so a worker shedding load (a lowered limit, jobs/memory-watch.ts) leaves new jobs in the queue.
  // Checks taken but not started hold their monitor (loaded per job in take()) while they wait:
  // jobs are taken when their second comes, so that is at most about a second's slots beyond the
  // limit — not worth a database round trip per check to load them later, nor handing jobs back.
  const pump = (async () => {
    /** The slice (epoch ms / SLICE_MS) in which this runner last took a job. */
    let tookInSlice = -1;
    while (!stopping) {
      if (pending >= options.concurrency() || waiting > 0) {
        waitingForRoom = true;
        await pause(1_000);
        waitingForRoom = false;
        continue;
      }
      try {
        const [job] = await boss.fetch(queue, { batchSize: 1, includeMetadata: true });
        if (!job) {
          const now = Date.now();
          await pause(untilNextProbeFetch(now, tookInSlice === Math.floor(now / SLICE_MS)));
          continue;
        }
        tookInSlice = Math.floor(Date.now() / SLICE_MS);
        await take(job);
      } catch (error) {
        // A job taken but not scheduled stays active: it expires and another worker runs it.
        options.log(`taking probe jobs failed: ${(error as Error).message}`);
        await pause(2_000);
      }
    }
  })();

  return {
    /** Checks running now (holding a place under the concurrency limit). */
    running: () => places.holders(ANY_HOST),
    /** Stops taking jobs, runs the checks it holds (bounded by their timeouts), stores their results. */
    async stop() {
      stopping = true;
      nudge();
      await pump;
      const deadline = Date.now() + 30_000;
      while (pending > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      clearInterval(flushTimer);
      await flushing;
      await flush();
    },
  };
}

/** Timers may fire a little early by the wall clock (libuv caches its loop time): wait the rest. */
function runAt(time: number, run: () => void) {
  const delayMs = time - Date.now();
  if (delayMs > 0) setTimeout(() => runAt(time, run), delayMs);
  else run();
}

/** When a slot is worth nothing any more: its monitor's next slot has come. */
function supersededAt(monitor: MonitorToProbe, slotAt: Date): number {
  return slotAt.getTime() + Math.max(monitor.intervalSeconds, MIN_INTERVAL_SECONDS) * 1000;
}

/** Politeness is per host and port: a URL's host, or the host:port (or name) the monitor names. */
function hostKey(target: string): string {
  return parseHttpUrl(target)?.host ?? target;
}
