// All-in-one entry: the web server and the worker in one process, for a small install (one Node
// heap, one copy of lib/ and one database pool instead of two). `npm start` runs it when
// VIGIL_PROCESS_MODE resolves to single (docs/operator-guide.md, "One process or two") and restarts
// it when it dies, as it restarts web and worker in split mode.
import { disconnectDb, setAppPoolSize } from "../lib/db";
import { addProcessLogFields } from "../lib/log";
import { POOL_SIZES } from "../lib/postgres/pool-sizes";
import { startWorker, type RunningWorker } from "../jobs/start-worker";
import { logStartFailure, startWebServer, type RunningWebServer } from "./web-server";

addProcessLogFields({ role: "all-in-one" });
setAppPoolSize(POOL_SIZES["all-in-one"].app);

let web: RunningWebServer | undefined;
let worker: RunningWorker | undefined;
let stopping = false;

async function main() {
  // The page first: it answers from its snapshot while the worker connects.
  web = await startWebServer({ dev: false });
  if (stopping) return;
  worker = await startWorker({ queuePool: "app" });
}

async function stop(why: string, code: number) {
  if (stopping) return;
  stopping = true;
  await Promise.all([web?.stop(why), worker?.stop(why)]);
  await disconnectDb();
  process.exit(code);
}

process.on("SIGINT", () => void stop("SIGINT", 0));
process.on("SIGTERM", () => void stop("SIGTERM", 0));
// Started by the launcher with an IPC channel: if the launcher dies (even by SIGKILL), stop too.
process.on("disconnect", () => void stop("launcher exited", 0));

main().catch((error: NodeJS.ErrnoException) => {
  logStartFailure(error);
  void stop("start-up failed", 1);
});
