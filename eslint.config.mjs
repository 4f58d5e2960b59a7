import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

/** Time is a parameter: domain code takes `now` (a verb's ctx.now); only the edges read the clock. */
export const WALL_CLOCK_RULE = [
  "error",
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: "Domain code does not read the wall clock: take `now` (ctx.now) from the caller." },
  { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: "Domain code does not read the wall clock: take `now` (ctx.now) from the caller." },
];

/** The files in lib/ that may read the clock, each with its reason. Keep this list short. */
const CLOCK_READERS = {
  "lib/admin-api/admin-route.ts": "the admin API's edge: reads the clock once per request and passes it as ctx.now",
  "lib/auth/require-admin.ts": "the console pages' edge: checks the session at the moment of the request",
  "lib/runtime/processes.ts": "waits for child processes against a real deadline",
  "lib/runtime/data-dir-lock.ts": "stamps the lock file with when this process started",
  "lib/live/change-feed.ts": "the LISTEN connection's readiness timeout and invalidation timers run in real time",
  "lib/live/response-cache.ts": "how long a render has been in flight decides stale-while-rendering",
  "lib/public-read/current-status.ts": "its liveness watch re-checks worker staleness on a real timer, between requests",
};

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    files: ["lib/**/*.ts"],
    ignores: ["lib/**/*.test.ts", "lib/generated/**", ...Object.keys(CLOCK_READERS)],
    rules: { "no-restricted-syntax": WALL_CLOCK_RULE },
  },
  {
    // The rule reads app/(public)/[[...path]]/route.ts (the public route table's catch-all route
    // handler, not a page) as a page matching every path, and so flags every <a>; the public views
    // are Preact rendered to HTML with plain links anyway. (It never saw the console's pages, which
    // sit in a route group it does not strip.)
    rules: { "@next/next/no-html-link-for-pages": "off" },
  },
  globalIgnores([".next/**", "dist/**", "lib/generated/**", ".data/**", ".test-data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"]),
]);
