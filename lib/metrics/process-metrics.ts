// Per-process metrics: what only this process saw (its checks' and mail sends' durations, its memory and CPU).
// Unlike the cluster figures they differ between instances: each worker exposes its own (on
// WORKER_METRICS_PORT) and Prometheus sums them, e.g. sum by (kind) (rate(vigil_probe_checks_total[5m])).
// No `import "server-only"`: the custom web server (no react-server condition) may use it too.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { RestartCounts } from "../runtime/supervisor";

/** Buckets from 10 ms to the 120 s hard check budget. */
const CHECK_DURATION_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

/** Buckets from 5 ms (a local relay) to a minute (a slow remote server near nodemailer's timeouts). */
const MAIL_SEND_DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/**
 * What one SMTP hand-off came to: accepted (sent), refused or unreachable and tried again later
 * (retried), or given up — a permanent refusal or the last attempt (failed).
 */
export type MailSendOutcome = "sent" | "retried" | "failed";

const holder = globalThis as {
  vigilProcessRegistry?: Registry;
  vigilProbeMetrics?: { checks: Counter<"kind" | "state" | "region">; duration: Histogram<"kind" | "region"> };
  vigilMailMetrics?: { sends: Counter<"outcome">; duration: Histogram<"outcome"> };
  vigilShedding?: { limit: Gauge; shedding: Gauge; pressure: Gauge };
  vigilRestarts?: { counter: Counter<"process">; counted: Map<string, number> };
};

/** This process's registry: memory, CPU, event loop lag, GC (prefixed vigil_), labelled with its role. */
export function processRegistry(role: "web" | "worker"): Registry {
  if (!holder.vigilProcessRegistry) {
    const registry = new Registry();
    registry.setDefaultLabels({ role });
    collectDefaultMetrics({ register: registry, prefix: "vigil_" });
    renameTotalGauges(registry);
    holder.vigilProcessRegistry = registry;
  }
  return holder.vigilProcessRegistry;
}

/**
 * prom-client names three of its default gauges `…_total`, which Prometheus reserves for counters
 * (promtool flags them, and rate() over them is meaningless). They are served under names of
 * their own; the per-type gauges beside them (`vigil_nodejs_active_handles{type}`, …) stay.
 */
export const RENAMED_DEFAULT_GAUGES = [
  { from: "vigil_nodejs_active_handles_total", to: "vigil_nodejs_handles_active", help: "Active libuv handles of this process.", read: () => activeCount("_getActiveHandles") },
  { from: "vigil_nodejs_active_requests_total", to: "vigil_nodejs_requests_active", help: "Active libuv requests of this process.", read: () => activeCount("_getActiveRequests") },
  { from: "vigil_nodejs_active_resources_total", to: "vigil_nodejs_resources_active", help: "Resources keeping this process's event loop alive.", read: () => process.getActiveResourcesInfo().length },
] as const;

/** Node's undocumented handle and request lists, which prom-client reads too. */
function activeCount(method: "_getActiveHandles" | "_getActiveRequests"): number {
  const list = (process as unknown as Record<string, (() => unknown[]) | undefined>)[method];
  return typeof list === "function" ? list.call(process).length : 0;
}

function renameTotalGauges(registry: Registry): void {
  for (const { from, to, help, read } of RENAMED_DEFAULT_GAUGES) {
    registry.removeSingleMetric(from);
    new Gauge({
      name: to,
      help,
      registers: [registry],
      collect() {
        this.set(read());
      },
    });
  }
}

/** Counts one finished check (called by the probe runner); registered on first use, so only workers have them. */
export function observeCheck(check: { kind: string; state: string; region: string; durationMs: number }): void {
  if (!holder.vigilProbeMetrics) {
    const registers = [processRegistry("worker")];
    holder.vigilProbeMetrics = {
      checks: new Counter({
        name: "vigil_probe_checks_total",
        help: "Checks this worker process ran, by monitor kind, result state and region (per process; sum across workers).",
        labelNames: ["kind", "state", "region"] as const,
        registers,
      }),
      duration: new Histogram({
        name: "vigil_probe_check_duration_seconds",
        help: "Duration of the checks this worker process ran (per process; sum buckets across workers).",
        labelNames: ["kind", "region"] as const,
        buckets: CHECK_DURATION_BUCKETS,
        registers,
      }),
    };
  }
  holder.vigilProbeMetrics.checks.inc({ kind: check.kind, state: check.state, region: check.region });
  holder.vigilProbeMetrics.duration.observe({ kind: check.kind, region: check.region }, check.durationMs / 1000);
}

/**
 * The probe runner's concurrency limit now, whether it is lowered because memory runs short, and
 * the share of its tightest memory limit in use (jobs/memory-watch.ts).
 */
export function observeProbeConcurrency(limit: number, configured: number, memoryRatio: number): void {
  if (!holder.vigilShedding) {
    const registers = [processRegistry("worker")];
    holder.vigilShedding = {
      limit: new Gauge({ name: "vigil_probe_concurrency_limit", help: "Checks this worker process runs at once at most now: PROBE_CONCURRENCY, or less while it sheds load.", registers }),
      shedding: new Gauge({ name: "vigil_probe_load_shedding", help: "1 while this worker process runs fewer checks at once because its memory runs short, else 0.", registers }),
      pressure: new Gauge({
        name: "vigil_worker_memory_pressure_ratio",
        help: "Share of this worker process's tightest memory limit in use: live V8 old generation (against 80 % of its limit, where V8 gives up), RSS against WORKER_MEMORY_LIMIT_MB, or its cgroup's working set against memory.max. It sheds load from 0.85 and recovers below 0.7.",
        registers,
      }),
    };
  }
  holder.vigilShedding.limit.set(limit);
  holder.vigilShedding.shedding.set(limit < configured ? 1 : 0);
  holder.vigilShedding.pressure.set(memoryRatio);
}

/** Counts one SMTP hand-off by the mailer (sendMail's duration); registered on first use, so only mailing processes have them. */
export function observeMailSend(send: { outcome: MailSendOutcome; durationMs: number }): void {
  if (!holder.vigilMailMetrics) {
    const registers = [processRegistry("worker")];
    holder.vigilMailMetrics = {
      sends: new Counter({
        name: "vigil_mail_sends_total",
        help: "SMTP hand-offs by this process's mailer: sent (accepted), retried (transient failure, tried again later), failed (permanent or attempts used up). Per process; sum across workers.",
        labelNames: ["outcome"] as const,
        registers,
      }),
      duration: new Histogram({
        name: "vigil_mail_send_duration_seconds",
        help: "How long handing one email to the SMTP server took, by outcome (per process; sum buckets across workers).",
        labelNames: ["outcome"] as const,
        buckets: MAIL_SEND_DURATION_BUCKETS,
        registers,
      }),
    };
  }
  holder.vigilMailMetrics.sends.inc({ outcome: send.outcome });
  holder.vigilMailMetrics.duration.observe({ outcome: send.outcome }, send.durationMs / 1000);
}

/**
 * The launcher's restart counts (lib/runtime/supervisor.ts), on the web process's registry: the
 * launcher sends the totals since `npm start` began, so a restarted web process starts from them.
 */
export function recordRestartCounts(counts: RestartCounts): void {
  holder.vigilRestarts ??= {
    counter: new Counter({
      name: "vigil_process_restarts_total",
      help: "Times `npm start` restarted its web, worker or all-in-one process after it died (since the launcher started).",
      labelNames: ["process"] as const,
      registers: [processRegistry("web")],
    }),
    counted: new Map(),
  };
  const { counter, counted } = holder.vigilRestarts;
  for (const [name, total = 0] of Object.entries(counts)) {
    // Counters only go up: add what this process has not counted yet (0 shows the series).
    const known = counted.get(name) ?? 0;
    counter.inc({ process: name }, Math.max(0, total - known));
    counted.set(name, Math.max(known, total));
  }
}
