// A process that runs only the mailer (no probes, no cron jobs): `npm run mailer`. Used to scale
// delivery separately, and by the crash test, which SIGKILLs it in the middle of a fan-out.
import { randomBytes } from "node:crypto";
import os from "node:os";
import { disconnectDb } from "../lib/db";
import { EnvError } from "../lib/env";
import { VigilError } from "../lib/errors";
import { addProcessLogFields, logger } from "../lib/log";
import { startWorkerMailer } from "./mailer";

addProcessLogFields({ role: "mailer" });
const log = (message: string) => logger().info(message);

async function main() {
  const workerId = `${os.hostname()}:${process.pid}:${randomBytes(3).toString("hex")}:mailer`;
  const mailer = await startWorkerMailer(workerId, log);
  log(`running as ${workerId}`);
  const stop = async (why: string) => {
    log(`stopping (${why})`);
    await mailer.stop();
    await disconnectDb();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error: unknown) => {
  const message = error instanceof EnvError || error instanceof VigilError ? error.message : String(error);
  logger().fatal(`failed to start: ${message}`);
  process.exit(1);
});
