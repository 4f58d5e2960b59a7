// A small HTTP server answering GET /metrics from a prom-client registry: how a worker exposes its
// per-process metrics on WORKER_METRICS_PORT (it has no web server of its own). Bound to loopback
// unless told otherwise; METRICS_TOKEN, when set, is required here too.
import http from "node:http";
import type { Registry } from "prom-client";
import { decideMetricsAccess, FORWARDING_HEADERS } from "./metrics-access";

export type MetricsServer = { port: number; close(): Promise<void> };

export async function startMetricsServer(options: { host: string; port: number; registry: Registry; token?: string }): Promise<MetricsServer> {
  const server = http.createServer((request, response) => {
    void (async () => {
      if (request.method !== "GET" || (request.url ?? "").split("?")[0] !== "/metrics") {
        response.writeHead(404).end("not found\n");
        return;
      }
      const access = decideMetricsAccess(
        {
          authorization: request.headers.authorization ?? null,
          peerAddress: request.socket.remoteAddress ?? null,
          forwarded: FORWARDING_HEADERS.some((name) => request.headers[name] !== undefined),
          dedicatedPort: true,
        },
        { token: options.token },
      );
      if (!access.allowed) {
        response.writeHead(access.status, { "Content-Type": "text/plain" }).end(`${access.reason}\n`);
        return;
      }
      const body = await options.registry.metrics();
      response.writeHead(200, { "Content-Type": options.registry.contentType, "Cache-Control": "no-store" }).end(body);
    })().catch(() => response.writeHead(500).end());
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, resolve);
  });
  return {
    port: (server.address() as { port: number }).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
