// Prisma CLI configuration. Only `prisma generate` runs through the CLI here (it needs no database);
// migrations are applied by lib/postgres/migrate.ts with Prisma's WebAssembly schema engine.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: {
    // `env()` from prisma/config throws when unset, which would break `prisma generate`.
    url: process.env.DATABASE_URL ?? "postgresql://unset@127.0.0.1:5432/unset",
  },
});
