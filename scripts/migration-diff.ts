// Development tool: compares prisma/schema.prisma with the committed migrations.
//   npm run -s db:diff -- <name>   writes prisma/migrations/<timestamp>_<name>/migration.sql
//   npm run -s db:diff -- --check  exits 2 when the schema and the migrations differ (drift)
// Uses the server at DATABASE_URL (it creates and drops `<db>_shadow` there) or, when unset,
// a throwaway embedded PostgreSQL.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "../lib/postgres/embedded";
import { diffMigrationsToSchema, migrationsDir } from "../lib/postgres/migrate";

const arg = process.argv[2];
if (!arg || (arg !== "--check" && !/^[a-z0-9_]+$/.test(arg))) {
  console.error("usage: npm run -s db:diff -- <migration_name in snake_case> | --check");
  process.exit(64);
}

const scratchDir = process.env.DATABASE_URL ? null : await mkdtemp(path.join(os.tmpdir(), "vigil-diff-"));
const server = scratchDir
  ? await startEmbeddedPostgres({ dataDir: scratchDir, port: 20000 + Math.floor(Math.random() * 20000), database: "vigil_diff" })
  : null;
try {
  const sql = await diffMigrationsToSchema(server?.url ?? process.env.DATABASE_URL!);
  if (arg === "--check") {
    if (sql) {
      console.error("prisma/schema.prisma and prisma/migrations differ; run npm run -s db:diff -- <name>:\n" + sql);
      process.exitCode = 2;
    } else {
      console.log("schema and migrations agree");
    }
  } else if (!sql) {
    console.log("nothing to migrate: schema and migrations agree");
  } else {
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const dir = path.join(migrationsDir, `${stamp}_${arg}`);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, "migration.sql"), sql);
    console.log(`wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
  }
} finally {
  await server?.stop();
  if (scratchDir) await rm(scratchDir, { recursive: true, force: true });
}
