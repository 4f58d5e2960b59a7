import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;
const DRILLS = ["test/drills/**/*.int.test.ts", "lib/outbox/mailer-crash.int.test.ts"];

export default defineConfig({
  resolve: {
    alias: {
      "@": root,
      // Next resolves "server-only" to an empty module on the server; so do the tests.
      "server-only": path.join(root, "node_modules/server-only/empty.js"),
    },
  },
  test: {
    // A poll's timeout only matters when it fails; on a loaded 2-core machine 1 s (the default)
    // fails what is merely slow. Tests assert what happens, not how fast.
    expect: { poll: { timeout: 10_000 } },
    // One test file per core. Vitest's default is one fewer: one on a 2-core machine, which then
    // idles a core while a file imports or clones its database. Each file has its own database.
    maxWorkers: "100%",
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["{lib,jobs,app,scripts,bench}/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "node_modules/**"],
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["{lib,jobs,app,scripts,test}/**/*.int.test.ts"],
          exclude: [...DRILLS, "node_modules/**"],
          globalSetup: ["test/build-global-setup.ts", "test/postgres-global-setup.ts"],
          setupFiles: ["test/integration-database.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          sequence: { groupOrder: 0 },
        },
      },
      {
        // The fault drills and the mailer crash test time real processes against each other on a
        // 2-core machine: run after everything else and one file at a time, so no drill's load
        // decides another drill's pass criterion.
        extends: true,
        test: {
          name: "drills",
          include: DRILLS,
          globalSetup: ["test/build-global-setup.ts", "test/postgres-global-setup.ts"],
          setupFiles: ["test/integration-database.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
