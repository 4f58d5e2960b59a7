import { defineConfig } from "@playwright/test";
import { chromiumExecutable } from "./e2e/chromium";

const port = Number(process.env.E2E_PORT ?? 3199);

// One app and one database for the whole run (e2e/serve.ts), so the projects say what comes first:
// `setup` creates the owner and saves the signed-in state; `database-down` stops the database, so
// it is setup's teardown — it runs after every project that depends on setup has finished, whatever
// their results. `screenshots` compares the console with committed pictures, so it goes first,
// before the other specs change the data. Then two lanes: the specs one file at a time (they change
// the one seeded page and put it back), and beside them the maintenance reminder, which spends most
// of its minute waiting for the reminder's moment and touches nothing the others look at.
export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 2,
  retries: 0,
  // Tests share two cores with the app's server, worker and database: the console tests walk many
  // pages and wait for the worker's mail, which takes over 30 s on a loaded machine.
  timeout: 60_000,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: {
      executablePath: chromiumExecutable(),
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        // Test pages live for seconds: V8's optimizing compiler (TurboFan, on background threads)
        // spends more on them than it saves. With the baseline compilers only, the renderers took
        // 82–92 CPU-s per Playwright run instead of 92–104, Chromium in all 126–142 instead of
        // 138–160 (three runs with the flag, three and four without; every process's CPU read from
        // /proc). The pages run the same code; only how V8 compiles it differs.
        "--js-flags=--max-opt=1",
      ],
    },
  },
  projects: [
    { name: "setup", testMatch: "owner.setup.ts", teardown: "database-down" },
    { name: "screenshots", testMatch: "console-screenshots.spec.ts", dependencies: ["setup"] },
    {
      name: "specs",
      testMatch: "*.spec.ts",
      testIgnore: ["console-screenshots.spec.ts", "maintenance-reminder.spec.ts", "database-down.spec.ts"],
      dependencies: ["screenshots"],
      workers: 1,
    },
    { name: "reminder", testMatch: "maintenance-reminder.spec.ts", dependencies: ["screenshots"], workers: 1 },
    { name: "database-down", testMatch: "database-down.spec.ts" },
  ],
  webServer: {
    command: "node --import tsx --conditions=react-server e2e/serve.ts",
    url: `http://127.0.0.1:${port}/api/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "pipe",
    // PUBLIC_READ_TIMEOUT_MS: on a busy test machine a slow read is load, not a hung database.
    // Loopback allowed for alert channels: the alert spec's receiver listens on 127.0.0.1.
    // Reminders a minute ahead: the reminder spec waits for one in real time.
    env: {
      PORT: String(port),
      NEXT_TELEMETRY_DISABLED: "1",
      WORKER_HEARTBEAT_SECONDS: "1",
      PUBLIC_READ_TIMEOUT_MS: "5000",
      PROBE_ALLOWLIST: "127.0.0.1",
      MAINTENANCE_REMINDERS: "1m",
    },
    gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
  },
});
