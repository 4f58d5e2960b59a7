// The cluster figures in Prometheus text format. A fresh registry per scrape: two scrapes at once
// cannot mix their values, and nothing about the cluster is cached in this process.
import "server-only";
import { Gauge, Registry } from "prom-client";
import { RECENT_CHECKS_WINDOW_SECONDS, type ClusterMetrics } from "./cluster-metrics";

type Sample = { labels: Record<string, string>; value: number };

export async function renderClusterMetrics(metrics: ClusterMetrics): Promise<string> {
  const registry = new Registry();
  // Label names are explicit: a gauge without labels and without samples would print a misleading 0.
  const gauge = (name: string, help: string, labelNames: string[], samples: Sample[]) => {
    const metric = new Gauge({ name, help, labelNames, registers: [registry] });
    for (const sample of samples) metric.set(sample.labels, sample.value);
  };

  gauge(
    "vigil_check_results_recent",
    `Check results stored in the last ${RECENT_CHECKS_WINDOW_SECONDS} s, by monitor kind, result state and region (cluster-wide, from the database).`,
    ["kind", "state", "region"],
    metrics.recentChecks.map(({ kind, state, region, count }) => ({ labels: { kind, state, region }, value: count })),
  );
  gauge(
    "vigil_monitors",
    "Enabled monitors by confirmed state (after hysteresis and quorum).",
    ["state"],
    // Every state is printed, 0 included, so "down > 0" alerts have a series to compare.
    (["up", "degraded", "down", "unknown"] as const).map((state) => ({
      labels: { state },
      value: metrics.monitorStates.find((row) => row.state === state)?.count ?? 0,
    })),
  );
  gauge(
    "vigil_open_incidents",
    "Incidents not yet resolved, by impact.",
    ["impact"],
    (["none", "minor", "major", "critical"] as const).map((impact) => ({
      labels: { impact },
      value: metrics.openIncidents.find((row) => row.impact === impact)?.count ?? 0,
    })),
  );
  gauge(
    "vigil_outbox_messages",
    "Outbox messages waiting to be sent (pending) or given up on (failed).",
    ["status"],
    (["pending", "failed"] as const).map((status) => ({
      labels: { status },
      value: metrics.outbox.find((row) => row.status === status)?.count ?? 0,
    })),
  );
  gauge(
    "vigil_queue_jobs",
    "pg-boss jobs per queue waiting (created, retry) or running (active).",
    ["queue", "state"],
    metrics.queueDepth.map(({ queue, state, count }) => ({ labels: { queue, state }, value: count })),
  );
  gauge(
    "vigil_worker_heartbeat_age_seconds",
    "Seconds since each worker's last heartbeat.",
    ["worker", "region"],
    metrics.workers.map(({ workerId, region, ageSeconds }) => ({ labels: { worker: workerId, region }, value: ageSeconds })),
  );
  gauge(
    "vigil_region_stale",
    "1 when no worker of the region beat within three heartbeat intervals.",
    ["region"],
    metrics.regions.map(({ region, stale }) => ({ labels: { region }, value: stale ? 1 : 0 })),
  );
  gauge(
    "vigil_certificate_days_left",
    "Days until the newest certificate seen by each https/tls monitor expires (negative once expired).",
    ["monitor_id", "monitor"],
    metrics.certificates.map(({ monitorId, monitor, daysLeft }) => ({ labels: { monitor_id: monitorId, monitor }, value: daysLeft })),
  );
  return registry.metrics();
}

export const METRICS_CONTENT_TYPE = new Registry().contentType;
