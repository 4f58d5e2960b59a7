// The web server: serves the built Next.js app on HOST:PORT — in its own process (scripts/web.ts)
// or inside the all-in-one process (scripts/all-in-one.ts). With `dev`, Next in development mode and
// no response cache, so an edited page shows on the next request. Logs one JSON line per request
// with a request id (the caller's X-Request-Id when sane, else a new one), echoed in the response's X-Request-Id.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import next from "next";
import { CLIENT_IP_HEADER, clientIp } from "../lib/http/client-ip";
import { env, EnvError, publicUrl } from "../lib/env";
import { changeFeed, stopChangeFeed } from "../lib/live/change-feed";
import { responseCache } from "../lib/live/response-cache";
import { HSTS } from "../lib/auth/security-headers";
import { StartupError, VigilError } from "../lib/errors";
import { logger } from "../lib/log";
import { DEDICATED_PORT_HEADER, FORWARDED_FLAG_HEADER, FORWARDING_HEADERS, PEER_ADDRESS_HEADER } from "../lib/metrics/metrics-access";
import { recordRestartCounts } from "../lib/metrics/process-metrics";
import { RestartCountsMessage, type RestartCountsRequest } from "../lib/runtime/supervisor";
import { pathForLog, requestIdFrom } from "../lib/request-id";

export type RunningWebServer = {
  /** Stops listening, gives open connections a moment, closes the change feed. */
  stop(why: string): Promise<void>;
};

export async function startWebServer(options: { dev: boolean }): Promise<RunningWebServer> {
  const log = logger();
  const config = env();
  // `npm start` passes its database; alone, a web instance serves one given to it (never an embedded one).
  if (!config.DATABASE_URL) throw new StartupError("DATABASE_URL is not set: `npm run web` serves an existing database (or use `npm start`)");
  const { dev } = options;
  const app = next({ dev, dir: process.cwd(), hostname: config.HOST, port: config.PORT });
  const handle = app.getRequestHandler();
  await app.prepare();
  // One LISTEN connection for this process, opened now rather than on the first request: the
  // response cache and the view cache inside Next both follow it (lib/live/change-feed.ts).
  changeFeed();
  // The proxy adds HSTS to what Next answers; answers from the cache get it here.
  const https = publicUrl(config).startsWith("https:");

  const serve = (dedicatedMetricsPort: boolean) => (request: IncomingMessage, response: ServerResponse) => {
    const started = performance.now();
    const requestId = requestIdFrom(request.headers["x-request-id"]);
    // Set by this server only: whatever a client sent under these names is replaced.
    request.headers["x-request-id"] = requestId;
    request.headers[PEER_ADDRESS_HEADER] = request.socket.remoteAddress ?? "";
    // Route handlers have no socket: the client's address for audit rows, sign-in backoff and
    // subscription limits (behind TRUST_PROXY_HOPS proxies, the address they saw).
    request.headers[CLIENT_IP_HEADER] = clientIp(request.socket.remoteAddress, request.headers["x-forwarded-for"], config.TRUST_PROXY_HOPS) ?? "";
    request.headers[FORWARDED_FLAG_HEADER] = FORWARDING_HEADERS.some((name) => request.headers[name] !== undefined) ? "1" : "0";
    if (dedicatedMetricsPort) request.headers[DEDICATED_PORT_HEADER] = "1";
    else delete request.headers[DEDICATED_PORT_HEADER];
    response.setHeader("X-Request-Id", requestId);
    response.once("finish", () => {
      const fields = {
        requestId,
        method: request.method,
        path: pathForLog(request.url),
        status: response.statusCode,
        ms: Math.round((performance.now() - started) * 10) / 10,
      };
      if (response.statusCode >= 500) log.error(fields, "request failed");
      else log.info(fields, "request");
    });
    if (dedicatedMetricsPort && pathForLog(request.url) !== "/metrics") {
      response.writeHead(404).end("not found\n");
      return;
    }
    // Public responses kept by the public routes (lib/live/response-cache.ts) are written from
    // memory without waking Next; everything else, and every miss, is Next's. In development every
    // request goes to Next, so an edited page shows at once.
    if (https) response.setHeader("Strict-Transport-Security", HSTS);
    if (!dev && responseCache().serveNode(request, response)) return;
    void handle(request, response);
  };

  const server = createServer(serve(false));
  await listen(server, config.PORT, config.HOST);
  log.info(`listening on http://${config.HOST}:${config.PORT}`);
  const metricsServer = config.METRICS_PORT === undefined ? undefined : createServer(serve(true));
  if (metricsServer) {
    await listen(metricsServer, config.METRICS_PORT!, config.HOST);
    log.info(`metrics on http://${config.HOST}:${config.METRICS_PORT}/metrics`);
  }

  // Under `npm start`, the launcher's restart counts appear on this process's /metrics.
  if (process.send) {
    process.on("message", (message) => {
      const parsed = RestartCountsMessage.safeParse(message);
      if (parsed.success) recordRestartCounts(parsed.data.counts);
    });
    process.send({ type: "vigil:restart-counts?" } satisfies RestartCountsRequest);
  }

  let stopping: Promise<void> | undefined;
  const stop = (why: string) =>
    (stopping ??= new Promise<void>((resolve) => {
      log.info(`stopping (${why})`);
      metricsServer?.close();
      server.close(() => void stopChangeFeed().finally(resolve));
      server.closeIdleConnections();
      // Keep-alive and streaming clients get a moment, then the process goes regardless.
      setTimeout(resolve, 5_000).unref();
    }));
  return { stop };
}

function listen(server: ReturnType<typeof createServer>, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
}

/** One fatal line for a process whose web server could not start: a known reason without a stack. */
export function logStartFailure(error: NodeJS.ErrnoException): void {
  const log = logger();
  if (error instanceof EnvError || error instanceof VigilError) log.fatal(`failed to start: ${error.message}`);
  else if (error.code === "EADDRINUSE") log.fatal(`failed to start: port ${env().PORT} (or METRICS_PORT) on ${env().HOST} is already in use; set a free port`);
  else log.fatal({ err: error }, `failed to start: ${error.message}`);
}
