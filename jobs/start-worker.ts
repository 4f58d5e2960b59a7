// The worker: connects pg-boss to Vigil's database, registers the queues, and writes a heartbeat
// every WORKER_HEARTBEAT_SECONDS. Started by the worker process (jobs/worker.ts) or, for a small
// install, inside the all-in-one process next to the web server (scripts/all-in-one.ts).
import { randomBytes } from "node:crypto";
import os from "node:os";
import { alertSystemHealth } from "../lib/alerts/system-alerts";
import { databaseUrl, sqlPool } from "../lib/db";
import { nextIncidentMoment, runIncidentClock, runIncidentMoment } from "../lib/incidents/incident-clock";
import { confirmSilentMonitors } from "../lib/check-results/process-check-results";
import { probePolicy, selfCheckUrls } from "../lib/checks/probe-policy";
import { env, publicUrl } from "../lib/env";
import { addProcessLogFields, logger } from "../lib/log";
import { startMetricsServer } from "../lib/metrics/metrics-server";
import { processRegistry } from "../lib/metrics/process-metrics";
import { POOL_SIZES } from "../lib/postgres/pool-sizes";
import { poolTimeouts } from "../lib/postgres/pool-timeouts";
import { rollUpUptime } from "../lib/status/roll-up-uptime";
import { VIGIL_VERSION } from "../lib/version";
import { deregisterWorker, recordHeartbeat, type WorkerIdentity } from "../lib/workers/heartbeats";
import { startWorkerAlerts } from "./alerts";
import { startAlivePings } from "./alive";
import { startMemoryWatch } from "./memory-watch";
import { runHousekeeping } from "./housekeeping";
import { startIncidentMomentClock } from "./incident-moment-clock";
import { startWorkerMailer } from "./mailer";
import { startProbePlanner } from "./probe-planner";
import { startProbeRunner } from "./probe-runner";
import { ensureQueue, QUEUE_MAINTENANCE, QUEUES, SCHEDULED_POLL_SECONDS, startQueueClient } from "./queues";

const log = (message: string) => logger().info(message);
/** The planner and runner report only failures and degraded batches: warnings. */
const warn = (message: string) => logger().warn(message);
const POLICY_REFRESH_MS = 5 * 60_000;

export type RunningWorker = {
  /** Stops taking work, lets running checks finish, deregisters; the database pool stays open. */
  stop(why: string): Promise<void>;
};

/**
 * `queuePool`: pg-boss's connections (lib/postgres/pool-sizes.ts), or "app" for none of its own —
 * its statements then go through the app pool. pg-boss never holds a connection across
 * statements, and nothing claims a job inside a transaction, so sharing cannot starve either side.
 */
export async function startWorker(options: { queuePool: number | "app" } = { queuePool: POOL_SIZES.worker.queue }): Promise<RunningWorker> {
  const config = env();
  addProcessLogFields({ region: config.REGION });
  const identity: WorkerIdentity = {
    workerId: `${os.hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`,
    region: config.REGION,
    version: VIGIL_VERSION,
    hostname: os.hostname(),
    pid: process.pid,
    startedAt: new Date(),
  };

  const boss = await startQueueClient(
    {
      ...(options.queuePool === "app"
        ? { db: { executeSql: (text: string, values: unknown[]) => sqlPool().query(text, values) } }
        : // pg-boss hands the timeouts to its pg pool: connect, statement, lock and read.
          { connectionString: databaseUrl(), max: options.queuePool, ...poolTimeouts(config) }),
      schema: "pgboss",
      ...QUEUE_MAINTENANCE,
      cronWorkerIntervalSeconds: SCHEDULED_POLL_SECONDS,
    },
    (error) => logger().error({ err: error }, "queue error"),
  );

  const scheduled = [
    { queue: QUEUES.housekeeping, run: runHousekeeping },
    { queue: QUEUES.silentMonitors, run: confirmSilentMonitors },
    { queue: QUEUES.incidentClock, run: runIncidentClock },
    { queue: QUEUES.uptimeRollups, run: rollUpUptime },
    { queue: QUEUES.systemAlerts, run: alertSystemHealth },
  ];
  for (const { queue, run } of scheduled) {
    await ensureQueue(boss, queue.name);
    await boss.schedule(queue.name, queue.cron, {});
    await boss.work(queue.name, { pollingIntervalSeconds: SCHEDULED_POLL_SECONDS }, async (jobs) => {
      for (const job of jobs) queue.payload.parse(job.data);
      await run(new Date()).catch((error: unknown) => {
        logger().error({ err: error, queue: queue.name }, "scheduled job failed");
        throw error; // pg-boss records the failure too
      });
    });
  }

  // Maintenance starts, ends and reminders, and quiet periods' ends, on time; the minute tick above
  // is its safety net.
  const incidentMoments = startIncidentMomentClock({
    nextMoment: nextIncidentMoment,
    run: runIncidentMoment,
    clock: () => new Date(),
    log: warn,
  });

  // Re-built now and then: this machine's addresses and PUBLIC_URL's may change while it runs.
  let policy = await probePolicy(config);
  const policyTimer = setInterval(() => void probePolicy(config).then((next) => (policy = next)), POLICY_REFRESH_MS);
  const planner = startProbePlanner(boss, warn);
  // The watch reads how many checks run from the runner, which is started after it (it takes its
  // limit from the watch).
  let checksRunning = () => 0;
  const memory = startMemoryWatch({
    configured: config.PROBE_CONCURRENCY,
    running: () => checksRunning(),
    rssLimitBytes: config.WORKER_MEMORY_LIMIT_MB === undefined ? undefined : config.WORKER_MEMORY_LIMIT_MB * 1024 * 1024,
    log: warn,
  });
  const runner = await startProbeRunner(boss, {
    region: config.REGION,
    workerId: identity.workerId,
    concurrency: memory.concurrency,
    perHostConcurrency: config.PROBE_PER_HOST_CONCURRENCY,
    checkOptions: () => policy,
    canaryUrls: config.PROBE_CANARY_URLS.length > 0 ? config.PROBE_CANARY_URLS : [selfCheckUrls(publicUrl(config)).health],
    log: warn,
  });
  checksRunning = runner.running;
  // Per-process metrics (check durations, counts): only this worker's own, hence its own port.
  const metrics =
    config.WORKER_METRICS_PORT === undefined
      ? undefined
      : await startMetricsServer({ host: "127.0.0.1", port: config.WORKER_METRICS_PORT, registry: processRegistry("worker"), token: config.METRICS_TOKEN });

  const mailer = await startWorkerMailer(identity.workerId, log);
  const alerts = await startWorkerAlerts(identity.workerId, warn);

  // The first beat is awaited so a broken database fails start-up instead of a silent worker.
  let lastBeatAt: Date | null = new Date();
  await recordHeartbeat(identity, lastBeatAt);
  let beating = Promise.resolve();
  const timer = setInterval(() => {
    const at = new Date();
    beating = recordHeartbeat(identity, at).then(
      () => void (lastBeatAt = at),
      (error: Error) => warn(`heartbeat failed: ${error.message}`),
    );
  }, config.WORKER_HEARTBEAT_SECONDS * 1000);
  const alive = config.ALIVE_URL
    ? await startAlivePings({ url: config.ALIVE_URL, region: config.REGION, heartbeatSeconds: config.WORKER_HEARTBEAT_SECONDS, lastBeatAt: () => lastBeatAt, log: warn })
    : undefined;
  log(`running as ${identity.workerId} in region ${identity.region}`);

  let stopping: Promise<void> | undefined;
  const stop = (why: string) => (stopping ??= (async () => {
    log(`stopping (${why})`);
    clearInterval(timer);
    clearInterval(policyTimer);
    await alive?.stop();
    planner.stop();
    await incidentMoments.stop();
    await runner.stop();
    memory.stop();
    await mailer.stop();
    await alerts.stop();
    await beating;
    await deregisterWorker(identity.workerId).catch((error: Error) => warn(`could not deregister: ${error.message}`));
    await boss.stop({ graceful: true, timeout: 10_000, wait: true }).catch(() => {});
    await metrics?.close();
  })());
  return { stop };
}
