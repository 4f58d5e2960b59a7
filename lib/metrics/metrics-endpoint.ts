// GET /metrics on a web instance: access decided once (lib/metrics/metrics-access.ts), then the
// cluster figures from the database followed by this web process's own (memory, CPU, event loop).
import "server-only";
import { env } from "../env";
import { logger } from "../log";
import { readClusterMetrics } from "./cluster-metrics";
import { decideMetricsAccess, DEDICATED_PORT_HEADER, FORWARDED_FLAG_HEADER, PEER_ADDRESS_HEADER } from "./metrics-access";
import { processRegistry } from "./process-metrics";
import { METRICS_CONTENT_TYPE, renderClusterMetrics } from "./render-cluster-metrics";

export type MetricsReply = { status: number; contentType: string; body: string };

export async function answerMetricsRequest(headers: Headers, now: Date): Promise<MetricsReply> {
  const config = env();
  const access = decideMetricsAccess(
    {
      authorization: headers.get("authorization"),
      peerAddress: headers.get(PEER_ADDRESS_HEADER),
      forwarded: headers.get(FORWARDED_FLAG_HEADER) !== "0",
      dedicatedPort: headers.get(DEDICATED_PORT_HEADER) === "1",
    },
    { token: config.METRICS_TOKEN, metricsPort: config.METRICS_PORT },
  );
  if (!access.allowed) return { status: access.status, contentType: "text/plain; charset=utf-8", body: `${access.reason}\n` };
  try {
    const cluster = await renderClusterMetrics(await readClusterMetrics(now, config.WORKER_HEARTBEAT_SECONDS));
    const own = await processRegistry("web").metrics();
    return { status: 200, contentType: METRICS_CONTENT_TYPE, body: `${cluster}\n${own}` };
  } catch (error) {
    // A failed scrape must be visible as one (Prometheus marks the target down), never half a page.
    logger().error({ err: error }, "reading metrics from the database failed");
    return { status: 503, contentType: "text/plain; charset=utf-8", body: "metrics unavailable: database unreachable\n" };
  }
}
