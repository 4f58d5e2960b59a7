// The web server: serves Vigil on HOST:PORT — in its own process (scripts/web.ts) or inside the
// all-in-one process (scripts/all-in-one.ts). Public responses kept by the response cache are
// written from memory; every other public address, the subscription API, health, live and metrics
// run here without Next (scripts/web-routes.ts); Next's server is loaded on the first request for
// the admin console (or its API) and answers those from then on — a status page whose console is
// not in use never pays its memory (docs/architecture.md, "Next on demand"). With `dev`, Next in
// development mode answers everything, so an edited page shows on the next request.
// Logs one JSON line per request with a request id (the caller's X-Request-Id when sane, else a
// new one), echoed in the response's X-Request-Id.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { CLIENT_IP_HEADER, clientIp } from "../lib/http/client-ip";
import { env, EnvError, publicUrl } from "../lib/env";
import { startWebAlertLoop } from "../lib/alerts/web-alert-loop";
import { changeFeed, stopChangeFeed } from "../lib/live/change-feed";
import { responseCache } from "../lib/live/response-cache";
import { HSTS } from "../lib/auth/security-headers";
import { StartupError, VigilError } from "../lib/errors";
import { webRequest, writeWebResponse } from "../lib/http/node-bridge";
import { logger, type Logger } from "../lib/log";
import { DEDICATED_PORT_HEADER, FORWARDED_FLAG_HEADER, FORWARDING_HEADERS, PEER_ADDRESS_HEADER } from "../lib/metrics/metrics-access";
import { recordRestartCounts } from "../lib/metrics/process-metrics";
import { RestartCountsMessage } from "../lib/runtime/restart-counts-message";
import type { RestartCountsRequest } from "../lib/runtime/launcher-messages";
import { pathForLog, requestIdFrom } from "../lib/request-id";
import { answerWithoutNext, servedByNext } from "./web-routes";

export type RunningWebServer = {
  /** Stops listening, gives open connections a moment, closes the change feed. */
  stop(why: string): Promise<void>;
};

type NextHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

export async function startWebServer(options: { dev: boolean }): Promise<RunningWebServer> {
  const log = logger();
  const config = env();
  // `npm start` passes its database; alone, a web instance serves one given to it (never an embedded one).
  if (!config.DATABASE_URL) throw new StartupError("DATABASE_URL is not set: `npm run web` serves an existing database (or use `npm start`)");
  const { dev } = options;
  const nextHandler = onDemandNext({ dev, hostname: config.HOST, port: config.PORT }, log);
  // In development Next answers everything: ready before the first request.
  if (dev) await nextHandler();
  // One LISTEN connection for this process, opened now rather than on the first request: the
  // response cache and the view cache both follow it (lib/live/change-feed.ts).
  changeFeed();
  // The web process's own alerts (the workers' presence); a loop that cannot start is logged and the page is served regardless.
  const alerts = startWebAlertLoop(() => new Date()).catch((error: unknown) => {
    log.error({ err: error }, `the web process's worker watch did not start: ${(error as Error).message}`);
    return undefined;
  });
  // The proxy adds HSTS to what Next answers; everything else gets it here.
  const https = publicUrl(config).startsWith("https:");
  // With LOG_LEVEL above info there is no access log: no clock read, no listener per request.
  const accessLog = log.isLevelEnabled("info");
  const fallbackHost = `${config.HOST.includes(":") ? `[${config.HOST}]` : config.HOST}:${config.PORT}`;

  const serve = (dedicatedMetricsPort: boolean) => (request: IncomingMessage, response: ServerResponse) => {
    const started = accessLog ? performance.now() : 0;
    const requestId = requestIdFrom(request.headers["x-request-id"]);
    // The fast path: public bytes kept by the response cache, written with one writeHead. In
    // development every request goes to Next, so an edited page shows at once.
    if (!dev && !dedicatedMetricsPort) {
      const own = https ? ["X-Request-Id", requestId, "Strict-Transport-Security", HSTS] : ["X-Request-Id", requestId];
      if (responseCache().serveNode(request, response, own)) {
        if (accessLog) logRequest(log, requestId, request, response, started);
        return;
      }
    }
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
      if (response.statusCode >= 500 || accessLog) logRequest(log, requestId, request, response, started);
    });
    const pathname = pathForLog(request.url);
    if (dedicatedMetricsPort && pathname !== "/metrics") {
      response.writeHead(404).end("not found\n");
      return;
    }
    if (https) response.setHeader("Strict-Transport-Security", HSTS);
    if (dev || servedByNext(pathname)) {
      void nextHandler().then(
        (handle) => handle(request, response),
        (error: Error) => {
          log.error({ err: error }, `the admin console could not start: ${error.message}`);
          if (!response.headersSent) response.writeHead(503, { "Retry-After": "5" }).end("the admin console could not start; try again\n");
        },
      );
      return;
    }
    void answerWithoutNext(webRequest(request, response, fallbackHost))
      .then((answer) => writeWebResponse(answer, response, request.method))
      .catch((error: Error) => {
        log.error({ err: error }, `answering ${pathname} failed: ${error.message}`);
        if (!response.headersSent) response.writeHead(500).end("Internal Server Error");
        else response.destroy();
      });
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
      void alerts.then((loop) => loop?.stop());
      server.close(() => void stopChangeFeed().finally(resolve));
      server.closeIdleConnections();
      // Keep-alive and streaming clients get a moment, then the process goes regardless.
      setTimeout(resolve, 5_000).unref();
    }));
  return { stop };
}

/** The access log line (and the error line of a 5xx). */
function logRequest(log: Logger, requestId: string, request: IncomingMessage, response: ServerResponse, started: number) {
  const fields = {
    requestId,
    method: request.method,
    path: pathForLog(request.url),
    status: response.statusCode,
    ...(started > 0 ? { ms: Math.round((performance.now() - started) * 10) / 10 } : {}),
  };
  if (response.statusCode >= 500) log.error(fields, "request failed");
  else log.info(fields, "request");
}

/**
 * Next's request handler, its server loaded and prepared on the first call (the first console
 * request); requests that arrive meanwhile wait for the same start. A start that failed is tried
 * again by the next request.
 */
function onDemandNext(options: { dev: boolean; hostname: string; port: number }, log: Logger): () => Promise<NextHandler> {
  let ready: Promise<NextHandler> | undefined;
  return () =>
    (ready ??= (async () => {
      const started = performance.now();
      const { default: next } = await import("next");
      const app = next({ dev: options.dev, dir: process.cwd(), hostname: options.hostname, port: options.port });
      await app.prepare();
      log.info(`Next loaded for the admin console in ${Math.round(performance.now() - started)} ms`);
      return app.getRequestHandler();
    })().catch((error: unknown) => {
      ready = undefined;
      throw error;
    }));
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
