// Worker entry: one worker (jobs/start-worker.ts) in its own process. Run by `npm start` in split
// mode (or alone, given DATABASE_URL: `npm run worker`).
import { disconnectDb, setAppPoolSize } from "../lib/db";
import { EnvError } from "../lib/env";
import { VigilError } from "../lib/errors";
import { addProcessLogFields, logger } from "../lib/log";
import { POOL_SIZES } from "../lib/postgres/pool-sizes";
import { startWorker } from "./start-worker";

addProcessLogFields({ role: "worker" });
setAppPoolSize(POOL_SIZES.worker.app);

async function main() {
  const worker = await startWorker();
  const stop = async (why: string) => {
    await worker.stop(why);
    await disconnectDb();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
  // Started by the launcher with an IPC channel: if the launcher dies (even by SIGKILL), stop too.
  process.on("disconnect", () => void stop("launcher exited"));
}

main().catch((error: unknown) => {
  const message = error instanceof EnvError || error instanceof VigilError ? error.message : String(error);
  logger().fatal(`failed to start: ${message}`);
  process.exit(1);
});
