// Web entry: serves the built Next.js app on HOST:PORT. Run by `npm start` (or alone, given
// DATABASE_URL and a prior `next build`).
import { createServer } from "node:http";
import next from "next";
import { CLIENT_IP_HEADER, clientIp } from "../lib/http/client-ip";
import { env, EnvError } from "../lib/env";
import { changeFeed, stopChangeFeed } from "../lib/live/change-feed";
import { ResponseCache } from "../lib/live/response-cache";

const log = (message: string) => console.log(`[web] ${message}`);

async function main() {
  const config = env();
  const app = next({ dev: false, dir: process.cwd(), hostname: config.HOST, port: config.PORT });
  const handle = app.getRequestHandler();
  await app.prepare();
  // One LISTEN connection for this process: the response cache below and the view cache inside
  // Next both follow it (lib/live/change-feed.ts).
  const cache = new ResponseCache(changeFeed());
  const server = createServer((request, response) => {
    // Route handlers have no socket: this header carries the client's address (audit rows, sign-in
    // backoff, subscription limits); whatever a client sent under that name is replaced, never trusted.
    request.headers[CLIENT_IP_HEADER] = clientIp(request.socket.remoteAddress, request.headers["x-forwarded-for"], config.TRUST_PROXY_HOPS) ?? "";
    cache.handle(request, response, () => void handle(request, response));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.PORT, config.HOST, resolve);
  });
  log(`listening on http://${config.HOST}:${config.PORT}`);

  let stopping = false;
  const stop = (why: string) => {
    if (stopping) return;
    stopping = true;
    log(`stopping (${why})`);
    server.close(() => void stopChangeFeed().finally(() => process.exit(0)));
    server.closeIdleConnections();
    // Keep-alive and streaming clients get a moment, then the process goes regardless.
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("disconnect", () => stop("launcher exited"));
}

main().catch((error: NodeJS.ErrnoException) => {
  if (error instanceof EnvError) console.error(`[web] failed to start: ${error.message}`);
  else if (error.code === "EADDRINUSE") console.error(`[web] failed to start: port ${env().PORT} on ${env().HOST} is already in use; set PORT to a free port`);
  else console.error(`[web] failed to start: ${error.message}`);
  process.exit(1);
});
