// Least privilege: migrations run as the role that owns Vigil's tables; the running app (web,
// worker, mailer, the data CLIs) connects as an app role that is no superuser, owns nothing in the
// schema `public`, may read and write its tables but only read and append to the audit log, and
// owns only pg-boss's schema (pg-boss creates a table per queue at run time, e.g. a new region's
// probe queue, and attaches it to its own tables: only their owner may).
//
// So the audit log's append-only trigger is no longer the only guard: the app role cannot UPDATE,
// DELETE or TRUNCATE "AuditLog", cannot ALTER a table or disable its triggers (owner only), and
// cannot SET session_replication_role (superuser only).
//
// `grantAppRole` runs after every migration, as the owner, so tables added by later migrations
// are covered; it is idempotent. It also installs or migrates pg-boss's schema (pg-boss's own
// CREATE SCHEMA needs a right on the database the app role does not have) and hands it over.
// `ensureEmbeddedAppRole` creates the role in the embedded cluster.
import pg from "pg";
import { parseDatabaseUrl } from "./connection-config";

/** pg-boss's schema (jobs/worker.ts): the one schema the app role owns. */
export const QUEUE_SCHEMA = "pgboss";

/** The tables the app role may only read and append to. */
const APPEND_ONLY_TABLES = ["AuditLog"];

/** Prisma's migration record: the owner's business. */
const MIGRATIONS_TABLE = "_prisma_migrations";

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;
const literal = (value: string) => `'${value.replaceAll("'", "''")}'`;

async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ ...parseDatabaseUrl(url), connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** The user a database URL connects as. */
export function roleOf(url: string): string {
  return parseDatabaseUrl(url).user;
}

/**
 * Creates the app role in the embedded cluster if missing, and (again, on every start) makes sure
 * it can log in with `password` and holds no superuser-like attribute — also on a data folder made
 * by an older Vigil that had no such role. Needs the cluster's superuser.
 */
export async function ensureEmbeddedAppRole(superuserUrl: string, role: string, password: string): Promise<void> {
  await withClient(superuserUrl, async (client) => {
    const exists = await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role]);
    const attributes = `LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${literal(password)}`;
    await client.query(`${exists.rowCount === 0 ? "CREATE" : "ALTER"} ROLE ${ident(role)} WITH ${attributes}`);
  });
}

/**
 * As the owner, after migrations: the app role's rights on the schema `public` (every table, the
 * append-only ones read-and-insert only, none on the migration record), and pg-boss's schema
 * created for it or handed over to it (a database from a Vigil without an app role has it owned by
 * the one role). Handing over needs the owner to be a member of the app role (or a superuser,
 * as in the embedded cluster); an external setup does it once by hand (docs/operator-guide.md).
 */
export async function grantAppRole(ownerUrl: string, appRole: string): Promise<void> {
  await installQueueSchema(ownerUrl);
  const app = ident(appRole);
  await withClient(ownerUrl, async (client) => {
    await client.query("BEGIN");
    try {
      await client.query(`GRANT USAGE ON SCHEMA public TO ${app}`);
      await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${app}`);
      await client.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${app}`);
      for (const table of APPEND_ONLY_TABLES) {
        await client.query(`REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON ${ident(table)} FROM ${app}`);
      }
      await client.query(`REVOKE ALL ON ${ident(MIGRATIONS_TABLE)} FROM ${app}`);
      await handOverQueueSchema(client, appRole);
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    }
  });
}

/** pg-boss installs or migrates its schema when it starts; nothing else runs (no maintenance, no cron). */
async function installQueueSchema(ownerUrl: string) {
  // Loaded here, not at the top: the launcher imports this module (ensureEmbeddedAppRole) and
  // stays small; only the set-up step installs the schema.
  const { default: PgBoss } = await import("pg-boss");
  const boss = new PgBoss({ connectionString: ownerUrl, schema: QUEUE_SCHEMA, max: 1, supervise: false, schedule: false });
  const failures: Error[] = [];
  boss.on("error", (error) => failures.push(error));
  try {
    await boss.start();
  } finally {
    await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
  }
  if (failures.length > 0) throw failures[0]!;
}

async function handOverQueueSchema(client: pg.Client, appRole: string) {
  const app = ident(appRole);
  const schema = ident(QUEUE_SCHEMA);
  const roleOid = "(SELECT oid FROM pg_roles WHERE rolname = $2)";
  const schemaRow = await client.query<{ owned: boolean }>(`SELECT nspowner = ${roleOid} AS owned FROM pg_namespace WHERE nspname = $1`, [QUEUE_SCHEMA, appRole]);
  // Everything pg-boss made as the owner (or an older Vigil made as its one role): tables (each
  // partition too), free-standing sequences and views, types and functions. Indexes and owned
  // sequences follow their tables.
  const { rows } = await client.query<{ statement: string }>(
    `SELECT format('ALTER %s %s OWNER TO %I', CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END, c.oid::regclass, $2::text) AS statement
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'S', 'v', 'm') AND c.relowner <> ${roleOid}
        AND (c.relkind <> 'S' OR NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i')))
     UNION ALL
     SELECT format('ALTER TYPE %s OWNER TO %I', t.oid::regtype, $2::text)
       FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = $1 AND t.typtype IN ('e', 'd') AND t.typowner <> ${roleOid}
     UNION ALL
     SELECT format('ALTER ROUTINE %s OWNER TO %I', p.oid::regprocedure, $2::text)
       FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = $1 AND p.proowner <> ${roleOid}`,
    [QUEUE_SCHEMA, appRole],
  );
  if (schemaRow.rows[0]?.owned === false) await client.query(`ALTER SCHEMA ${schema} OWNER TO ${app}`);
  for (const { statement } of rows) await client.query(statement);
}
