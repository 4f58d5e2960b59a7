// Runs this worker's share of probe jobs: fetches as many jobs as it has free capacity, runs each
// check under a global and a per-host concurrency limit, and hands results over in batches (stored,
// then applied to monitor states and component statuses). A job is completed only after its result
// is stored, so a crash loses the checks in flight and nothing else.
import type PgBoss from "pg-boss";
import { BLOCKED_ADDRESS } from "../lib/checks/reason-codes";
import { runCheck, type RunCheckOptions } from "../lib/checks/run-check";
import { parseHttpUrl } from "../lib/checks/targets";
import { observeCheck } from "../lib/metrics/process-metrics";
import { RecentCheckStates } from "../lib/monitors/probe-network";
import { loadMonitorsToProbe, type MonitorToProbe } from "../lib/monitors/probe-targets";
import { processCheckResults } from "../lib/check-results/process-check-results";
import type { RecordedCheck } from "../lib/check-results/record-check-results";
import { KeyedLimiter } from "./keyed-limiter";
import { ensureQueue, ProbeJobData, probeQueueName, RESOLVE_INCIDENTS_QUEUE } from "./queues";

export type ProbeRunnerOptions = {
  region: string;
  workerId: string;
  concurrency: number;
  perHostConcurrency: number;
  /** Policy and trust for the next check (it may change while running); each check is timed by the runner (its slot, or now). */
  checkOptions: () => Omit<RunCheckOptions, "now">;
  /** Checked when a whole batch failed, to tell a broken probe network from a global outage. */
  canaryUrls: readonly string[];
  log: (message: string) => void;
};

const FLUSH_EVERY_MS = 500;
const FLUSH_AT_ROWS = 500;
/** While the database is unreachable, results wait in memory up to this many; older ones are dropped. */
const MAX_BUFFERED = 20_000;

export async function startProbeRunner(boss: PgBoss, options: ProbeRunnerOptions) {
  const queue = probeQueueName(options.region);
  await ensureQueue(boss, queue);
  const hosts = new KeyedLimiter(options.perHostConcurrency);
  let inFlight = 0;
  let stopping = false;
  let wake: (() => void) | null = null;
  const buffer: { check: RecordedCheck; jobId: string }[] = [];
  const recentStates = new RecentCheckStates();
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

  async function probe(jobId: string, slotAt: Date, monitor: MonitorToProbe | undefined) {
    if (!monitor) {
      finished.push(jobId); // the monitor was paused or deleted: nothing to check
      return;
    }
    const host = hostKey(monitor.target);
    await hosts.acquire(host);
    try {
      const checkedAt = new Date();
      const result = await runCheck(monitor, { ...options.checkOptions(), now: checkedAt });
      observeCheck({ kind: monitor.kind, state: result.state, region: options.region, durationMs: result.timings.total });
      buffer.push({
        jobId,
        check: { monitorId: monitor.id, region: options.region, workerId: options.workerId, slotAt, checkedAt, result },
      });
    } catch (error) {
      // runCheck throws only for expectations that do not parse: a configuration error, not downtime.
      options.log(`monitor ${monitor.id} cannot be checked: ${(error as Error).message}`);
      await boss.fail(queue, jobId, { error: (error as Error).message }).catch(() => {});
    } finally {
      hosts.release(host);
    }
    if (buffer.length >= FLUSH_AT_ROWS) void flush();
  }

  let flushing: Promise<void> | null = null;
  function flush(): Promise<void> {
    flushing ??= (async () => {
      const batch = buffer.splice(0, buffer.length);
      const done = finished.splice(0, finished.length);
      try {
        const checks = batch.map((entry) => entry.check);
        // A check the SSRF guard refused never touched the network: it says nothing about it either.
        const probed = checks.filter((check) => !check.result.reasons.some((reason) => reason.code === BLOCKED_ADDRESS));
        const networkBroken = recentStates.recordBatch(probed.map((check) => check.result.state), new Date()) && (await canariesFail());
        if (networkBroken) options.log(`these ${checks.length} checks, every check of the last minute and the canaries failed: counting this batch as unknown`);
        const processed = await processCheckResults(checks, new Date(), networkBroken ? { [options.region]: true } : {});
        if (processed.resolutionDueAt) {
          const due = processed.resolutionDueAt;
          await boss.send(RESOLVE_INCIDENTS_QUEUE.name, {}, { startAfter: due, singletonKey: due.toISOString() }).catch((error: Error) => options.log(`could not queue the resolution due ${due.toISOString()}: ${error.message}`));
        }
        done.push(...batch.map((entry) => entry.jobId));
        if (done.length > 0) await boss.complete(queue, done);
      } catch (error) {
        options.log(`writing ${batch.length} results failed, will retry: ${(error as Error).message}`);
        buffer.unshift(...batch);
        finished.unshift(...done);
        buffer.splice(0, Math.max(0, buffer.length - MAX_BUFFERED));
      }
    })().finally(() => (flushing = null));
    return flushing;
  }
  const flushTimer = setInterval(() => void flush(), FLUSH_EVERY_MS);

  async function canariesFail(): Promise<boolean> {
    const results = await Promise.all(
      options.canaryUrls.map((url) => runCheck({ kind: "http", target: url, timeoutMs: 5_000 }, { ...options.checkOptions(), now: new Date() })),
    );
    return results.length > 0 && results.every((result) => result.state === "down");
  }

  const pump = (async () => {
    while (!stopping) {
      const capacity = options.concurrency - inFlight;
      if (capacity <= 0) {
        await pause(1_000);
        continue;
      }
      let jobs: PgBoss.Job<unknown>[];
      try {
        jobs = await boss.fetch(queue, { batchSize: Math.min(capacity, 100) });
      } catch (error) {
        options.log(`fetching probe jobs failed: ${(error as Error).message}`);
        await pause(2_000);
        continue;
      }
      if (jobs.length === 0) {
        await pause(250);
        continue;
      }
      const valid = jobs.flatMap((job) => {
        const data = ProbeJobData.safeParse(job.data);
        if (data.success) return [{ id: job.id, monitorId: data.data.monitorId, slotAt: new Date(data.data.slotAt) }];
        finished.push(job.id); // malformed: nothing to check
        return [];
      });
      let monitors: Map<string, MonitorToProbe>;
      try {
        monitors = await loadMonitorsToProbe(valid.map((job) => job.monitorId));
      } catch (error) {
        // Left active, these jobs expire as failed: missing data, never a check reported as done.
        options.log(`loading monitors failed: ${(error as Error).message}`);
        await pause(2_000);
        continue;
      }
      inFlight += valid.length;
      for (const job of valid) {
        void probe(job.id, job.slotAt, monitors.get(job.monitorId)).finally(() => {
          inFlight -= 1;
          nudge();
        });
      }
    }
  })();

  return {
    /** Stops fetching, lets the checks in flight finish (bounded by their timeouts), stores their results. */
    async stop() {
      stopping = true;
      nudge();
      await pump;
      const deadline = Date.now() + 30_000;
      while (inFlight > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      clearInterval(flushTimer);
      await flushing;
      await flush();
    },
  };
}

/** Politeness is per host and port: a URL's host, or the host:port (or name) the monitor names. */
function hostKey(target: string): string {
  return parseHttpUrl(target)?.host ?? target;
}
