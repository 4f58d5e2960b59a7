// Applies prisma/migrations with Prisma's own schema engine compiled to WebAssembly: the CLI's
// native engine cannot be downloaded on offline machines, and this records migrations in
// `_prisma_migrations` exactly as `prisma migrate deploy` would.
import { readFile, readdir } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import pg from "pg";
import { parseDatabaseUrl, type ConnectionConfig } from "./connection-config";

type WasmSchemaEngine = {
  applyMigrations(input: unknown): Promise<{ appliedMigrationNames: string[] }>;
  diff(input: unknown): Promise<{ exitCode: number; stdout?: string | null }>;
  free(): void;
};

const projectRoot = process.cwd();
export const schemaPath = path.join(projectRoot, "prisma", "schema.prisma");
export const migrationsDir = path.join(projectRoot, "prisma", "migrations");

let panicMessage = "";

async function loadSchemaEngineClass(): Promise<{
  new: (options: unknown, log: (message: string) => void, adapter: object) => Promise<WasmSchemaEngine>;
}> {
  const require = createRequire(import.meta.url);
  const packageDir = path.dirname(require.resolve("@prisma/schema-engine-wasm"));
  // Without this registry a Rust panic surfaces as "unreachable" with no message.
  (globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown }).PRISMA_WASM_PANIC_REGISTRY = {
    set_message(message: string) {
      panicMessage = message;
    },
  };
  const bg = (await import(path.join(packageDir, "schema_engine_bg.js"))) as Record<string, unknown> & {
    __wbg_set_wasm(exports: WebAssembly.Exports): void;
    SchemaEngine: { new: (options: unknown, log: (m: string) => void, adapter: object) => Promise<WasmSchemaEngine> };
  };
  const bytes = await readFile(path.join(packageDir, "schema_engine_bg.wasm"));
  const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": bg as WebAssembly.ModuleImports });
  bg.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as (() => void) | undefined)?.();
  return bg.SchemaEngine;
}

let engineClass: ReturnType<typeof loadSchemaEngineClass> | undefined;

/**
 * A driver-adapter factory whose shadow database is `<db>_shadow`, dropped after use. The engine
 * does not dispose the adapters it opens, so they are tracked and disposed by `close()`; an idle
 * pooled connection would otherwise linger (and block CREATE DATABASE … TEMPLATE on this db).
 */
function adapterFactoryFor(config: ConnectionConfig): SqlMigrationAwareDriverAdapterFactory & { close(): Promise<void> } {
  const main = new PrismaPg({ ...config });
  const shadowName = `${config.database}_shadow`;
  const opened: { dispose(): Promise<void> }[] = [];
  return {
    provider: main.provider,
    adapterName: main.adapterName,
    async connect() {
      const adapter = await main.connect();
      opened.push(adapter);
      return adapter;
    },
    async close() {
      await Promise.all(opened.splice(0).map((adapter) => adapter.dispose().catch(() => {})));
    },
    async connectToShadowDb() {
      const admin = new pg.Client({ ...config });
      await admin.connect();
      try {
        await admin.query(`DROP DATABASE IF EXISTS "${shadowName}" WITH (FORCE)`);
        await admin.query(`CREATE DATABASE "${shadowName}"`);
      } finally {
        await admin.end();
      }
      const adapter = await new PrismaPg({ ...config, database: shadowName }).connect();
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await dispose();
        const cleanup = new pg.Client({ ...config });
        await cleanup.connect();
        await cleanup.query(`DROP DATABASE IF EXISTS "${shadowName}" WITH (FORCE)`).finally(() => cleanup.end());
      };
      return adapter;
    },
  };
}

async function withSchemaEngine<T>(databaseUrl: string, run: (engine: WasmSchemaEngine) => Promise<T>): Promise<T> {
  engineClass ??= loadSchemaEngineClass();
  const SchemaEngine = await engineClass;
  const datamodel = await readFile(schemaPath, "utf8");
  const factory = adapterFactoryFor(parseDatabaseUrl(databaseUrl));
  panicMessage = "";
  try {
    const engine = await SchemaEngine.new(
      { datamodels: [[schemaPath, datamodel]] },
      () => {},
      bindMigrationAwareSqlAdapterFactory(factory),
    );
    try {
      return await run(engine);
    } finally {
      engine.free();
    }
  } catch (error) {
    throw new Error(`schema engine: ${describeEngineError(error)}`);
  } finally {
    await factory.close();
  }
}

function describeEngineError(error: unknown): string {
  if (panicMessage) return `panic: ${panicMessage}`;
  if (error instanceof Error) return error.message;
  if (typeof error === "object" && error && "message" in error) return String((error as { message: unknown }).message);
  return String(error);
}

export async function readMigrationsList() {
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const lockfilePath = path.join(migrationsDir, "migration_lock.toml");
  return {
    baseDir: migrationsDir,
    lockfile: { path: "migration_lock.toml", content: await readFile(lockfilePath, "utf8").catch(() => null) },
    shadowDbInitScript: "",
    migrationDirectories: await Promise.all(
      names.map(async (name) => ({
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: await readFile(path.join(migrationsDir, name, "migration.sql"), "utf8").then(
            (sql) => ({ tag: "ok", value: sql }),
            (error: Error) => ({ tag: "error", value: error.message }),
          ),
        },
      })),
    ),
  };
}

const noFilters = { externalTables: [], externalEnums: [] };

/** Applies pending migrations; returns the names applied (empty when up to date). */
export async function applyMigrations(databaseUrl: string): Promise<string[]> {
  const migrationsList = await readMigrationsList();
  return withSchemaEngine(databaseUrl, async (engine) => {
    const output = await engine.applyMigrations({ migrationsList, filters: noFilters });
    return output.appliedMigrationNames;
  });
}

/**
 * SQL that takes a database built from the committed migrations to what schema.prisma declares.
 * Empty when they agree (no drift). Needs a server where `<db>_shadow` may be created.
 */
export async function diffMigrationsToSchema(databaseUrl: string): Promise<string> {
  const migrationsList = await readMigrationsList();
  const datamodel = await readFile(schemaPath, "utf8");
  return withSchemaEngine(databaseUrl, async (engine) => {
    const result = await engine.diff({
      from: { tag: "migrations", ...migrationsList },
      to: { tag: "schemaDatamodel", files: [{ path: schemaPath, content: datamodel }] },
      script: true,
      exitCode: true,
      filters: noFilters,
    });
    return result.exitCode === 2 ? (result.stdout ?? "") : "";
  });
}
