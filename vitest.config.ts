import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;
// Files that run real Vigil processes and mostly wait on them (the fault drills, the mailer crash
// test, the launcher's runs of `npm start`): after the other files, beside Playwright, where the
// machine has room; among the CPU-bound integration files they held vitest up (the launcher's file
// alone ran 112 s of vitest's 168; 131 s without it).
const DRILLS = ["test/drills/**/*.int.test.ts", "lib/outbox/mailer-crash.int.test.ts", "scripts/start.int.test.ts"];
// The integration files and the drills: a built app, one PostgreSQL server with a migrated template,
// and a database of its own for each file.
const ON_REAL_POSTGRES = {
  globalSetup: ["test/build-global-setup.ts", "test/postgres-global-setup.ts"],
  setupFiles: ["test/integration-database.ts"],
  testTimeout: 60_000,
  hookTimeout: 120_000,
};

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
    // Three test files at once on a 2-core machine. The integration files wait on processes, sockets
    // and the database for about a third of their time, so a third file fills the gap: 174 s for the
    // unit and integration projects against 214 s with one file per core, the machine 90 % busy
    // instead of 70 %. A number, not "150%": Vitest caps a percentage at the number of cores. Each
    // file has its own database.
    maxWorkers: 3,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          // Unit files share a worker's loaded packages instead of loading Next, Prisma and zod
          // again for each of 90 files (36 s → 18 s), but not its modules: test/fresh-modules.ts
          // empties the module registry before each file, so state read once (lib/env) starts over.
          isolate: false,
          setupFiles: ["test/fresh-modules.ts"],
          include: ["{lib,jobs,app,scripts,bench}/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "node_modules/**"],
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          // Each file still gets a fresh module registry and a database of its own, but in a worker
          // thread instead of a new Node process: 247 instead of 289 CPU-seconds for the 62 files
          // (191 s instead of 209 s alone). Nothing here needs a process of its own: no file chdirs
          // or handles signals, and what they start (servers, PostgreSQL, Vigil) are child processes.
          pool: "threads",
          include: ["{lib,jobs,app,scripts,test}/**/*.int.test.ts"],
          exclude: [...DRILLS, "node_modules/**"],
          ...ON_REAL_POSTGRES,
          sequence: { groupOrder: 0 },
        },
      },
      {
        // The fault drills and the mailer crash test time real processes against each other and mostly
        // wait on real time: they run after everything else, three files at a time (maxWorkers above)
        // beside Playwright (the drills alone: 504 s one at a time; two at a time 266–279 s, the
        // longer of the two lanes; three at a time 204 s, Playwright 283 s beside them; with the
        // launcher's file 263 s), each with its own processes and database. Their pass criteria are
        // counts and bounds set for a loaded machine. (Once, under that load, a certificate-outage
        // check timed out on loopback and the opening mail named the timeout, not the certificate the
        // title named: a bug, fixed in lib/incidents.)
        extends: true,
        test: {
          name: "drills",
          include: DRILLS,
          ...ON_REAL_POSTGRES,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
