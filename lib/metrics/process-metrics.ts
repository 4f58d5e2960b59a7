// Per-process metrics: what only this process saw (its checks' durations, its memory and CPU).
// Unlike the cluster figures they differ between instances: each worker exposes its own (on
// WORKER_METRICS_PORT) and Prometheus sums them, e.g. sum by (kind) (rate(vigil_probe_checks_total[5m])).
// No `import "server-only"`: the custom web server (no react-server condition) uses it too.
import { collectDefaultMetrics, Counter, Histogram, Registry } from "prom-client";

export type ProcessMetrics = {
  registry: Registry;
  checks: Counter<"kind" | "state" | "region">;
  checkDuration: Histogram<"kind" | "region">;
};

/** Buckets from 10 ms to the 120 s hard check budget. */
const CHECK_DURATION_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

export function createProcessMetrics(role: string): ProcessMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ role });
  collectDefaultMetrics({ register: registry, prefix: "vigil_process_" });
  const checks = new Counter({
    name: "vigil_probe_checks_total",
    help: "Checks this process ran, by monitor kind, result state and region (per process).",
    labelNames: ["kind", "state", "region"] as const,
    registers: [registry],
  });
  const checkDuration = new Histogram({
    name: "vigil_probe_check_duration_seconds",
    help: "Duration of the checks this process ran (per process).",
    labelNames: ["kind", "region"] as const,
    buckets: CHECK_DURATION_BUCKETS,
    registers: [registry],
  });
  return { registry, checks, checkDuration };
}

const holder = globalThis as { vigilProcessMetrics?: ProcessMetrics };

/** This process's metrics (created on first use; `role` labels them: web or worker). */
export function processMetrics(role = "web"): ProcessMetrics {
  holder.vigilProcessMetrics ??= createProcessMetrics(role);
  return holder.vigilProcessMetrics;
}

/** Counts one finished check (called by the probe runner). */
export function observeCheck(check: { kind: string; state: string; region: string; durationMs: number }): void {
  const metrics = processMetrics("worker");
  metrics.checks.inc({ kind: check.kind, state: check.state, region: check.region });
  metrics.checkDuration.observe({ kind: check.kind, region: check.region }, check.durationMs / 1000);
}
