// `npm start`'s set-up step, run by the launcher (scripts/start.ts) as a short-lived child once the
// database answers: applies migrations, grants the app role its rights, applies VIGIL_CONFIG,
// seeds the demo page on an empty database, and issues a setup token when there is no admin yet.
// A child of its own so the launcher, which stays up for as long as Vigil runs, never loads Prisma
// or the migration engine. Reports to the launcher over IPC (PreparedMessage); exits 1 with one
// `[vigil] cannot start: …` line when set-up fails.
import { countAdmins } from "../lib/auth/admin-accounts";
import { issueSetupToken } from "../lib/auth/setup-tokens";
import { CONFIG_FILE_ACTOR } from "../lib/config/apply-config";
import { applyConfigFile, describeSummary } from "../lib/config/config-file";
import { disconnectDb } from "../lib/db";
import { EnvError, migrationDatabaseUrl, parseEnv, publicHostname, publicUrl } from "../lib/env";
import { StartupError } from "../lib/errors";
import { countEnabledMonitors } from "../lib/monitors/monitor-count";
import { grantAppRole, roleOf } from "../lib/postgres/app-role";
import { applyMigrations } from "../lib/postgres/migrate";
import type { PreparedMessage } from "../lib/runtime/launcher-messages";
import { seedDemoPageIfEmpty } from "../lib/seed/demo-page";

const log = (message: string) => console.log(`[vigil] ${message}`);

async function main() {
  const config = parseEnv(process.env);
  const databaseUrl = config.DATABASE_URL;
  if (!databaseUrl || !process.send) throw new StartupError("scripts/prepare.ts is run by `npm start`, which passes it the database");
  // Migrations hold a session-level advisory lock: past any transaction pooler (docs/operator-guide.md, "Poolers").
  const migrationUrl = migrationDatabaseUrl({ ...config, DATABASE_URL: databaseUrl });
  const applied = await applyMigrations(migrationUrl);
  log(applied.length ? `applied migrations: ${applied.join(", ")}` : "database schema is up to date");
  // Least privilege (lib/postgres/app-role.ts), re-granted after every migration so new tables are covered.
  const [owner, app] = [roleOf(migrationUrl), roleOf(databaseUrl)];
  if (owner === app) {
    log(`one database role (${app}) owns the tables and runs the app; see docs/operator-guide.md, "Database roles", for the stricter two-role set-up`);
  } else {
    await grantAppRole(migrationUrl, app).catch((error: Error) => {
      throw new StartupError(`could not grant the app role ${app} its rights as ${owner}: ${error.message} (see docs/operator-guide.md, "Database roles")`);
    });
    log(`database roles: migrations as ${owner}, the app as ${app} (no superuser, audit log append-only)`);
  }

  // Config as code first: a page declared in VIGIL_CONFIG is not seeded over with the demo.
  const configured = await applyConfigFile(config.VIGIL_CONFIG, { actor: CONFIG_FILE_ACTOR, now: new Date(), messageIdDomain: publicHostname(config) });
  if (configured) log(`applied ${configured.file}: ${describeSummary(configured)}`);
  if (await seedDemoPageIfEmpty(publicUrl(config))) log("empty database: seeded the demo page (see docs/operator-guide.md, 'The demo page')");
  // No admin yet: a one-time link to create the owner (there are no default credentials).
  const setupToken = (await countAdmins()) === 0 ? await issueSetupToken(new Date()) : null;
  const enabledMonitors = await countEnabledMonitors();
  await disconnectDb();
  const message: PreparedMessage = { type: "vigil:prepared", setupToken, enabledMonitors };
  await new Promise<void>((resolve, reject) => process.send!(message, (error: Error | null) => (error ? reject(error) : resolve())));
  process.disconnect();
}

main().catch((error: unknown) => {
  const message = error instanceof EnvError || error instanceof StartupError ? error.message : String(error);
  console.error(`[vigil] cannot start: ${message}`);
  process.exit(1);
});
