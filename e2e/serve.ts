// The app under e2e test: `npm start` on a fresh database. With DATABASE_URL (local servers only)
// it recreates a `vigil_e2e` database there; otherwise a fresh embedded PostgreSQL under .test-data/.
import { rm, writeFile } from "node:fs/promises";
import pg from "pg";
import { parseDatabaseUrl, withDatabase } from "../lib/postgres/connection-config";
import { startOidcProvider } from "../test/oidc-provider";
import { OIDC_ACCOUNTS, OIDC_SETTINGS } from "./oidc-accounts";
import { SETUP_LINK_FILE } from "./setup-link";

const given = process.env.DATABASE_URL;
if (given) {
  const config = parseDatabaseUrl(given);
  if (!["127.0.0.1", "localhost", "::1"].includes(config.host)) {
    console.error(`e2e refuses a non-local database (DATABASE_URL host ${config.host})`);
    process.exit(1);
  }
  const admin = new pg.Client({ ...config, database: "postgres" });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS vigil_e2e WITH (FORCE)`);
  await admin.query(`CREATE DATABASE vigil_e2e`);
  await admin.end();
  process.env.DATABASE_URL = withDatabase(given, "vigil_e2e");
} else {
  process.env.DATA_DIR = ".test-data/e2e";
  process.env.EMBEDDED_POSTGRES_PORT ??= "54391";
  await rm(process.env.DATA_DIR, { recursive: true, force: true });
}
// The admin specs open the first-run setup link exactly as an operator would: from the launcher's
// output, which this process shares. It is copied to a file the specs read.
const logLine = console.log.bind(console);
console.log = (...args: unknown[]) => {
  const link = /https?:\/\/\S+\/admin\/setup\?token=\S+/.exec(args.map(String).join(" "))?.[0];
  if (link) void writeFile(SETUP_LINK_FILE, link);
  logLine(...args);
};
await rm(SETUP_LINK_FILE, { force: true });
// A real OIDC provider for the OIDC sign-in spec, in this process; the app reads its settings at start.
const oidc = await startOidcProvider({ redirectUri: `http://127.0.0.1:${process.env.PORT ?? 3000}/admin/oidc/callback`, accounts: OIDC_ACCOUNTS });
Object.assign(process.env, { ...OIDC_SETTINGS, OIDC_ISSUER: oidc.issuer, OIDC_CLIENT_ID: oidc.clientId, OIDC_CLIENT_SECRET: oidc.clientSecret });
await import("../scripts/start");
