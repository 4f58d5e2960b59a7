import { defineConfig } from "@playwright/test";
import base from "./playwright.config";
import { OWNER_STATE } from "./e2e/admin-session";

// `npm run docs:screenshots`: the pictures in docs/screenshots/, taken from a fresh app on the demo
// page (the same server and first-run setup as the e2e tests, but none of their specs). Not part
// of `npm test`; run it after a change to the look and commit the PNGs it writes.
export default defineConfig({
  ...base,
  projects: [
    { name: "setup", testMatch: "owner.setup.ts" },
    { name: "docs", testMatch: "docs-screenshots.ts", dependencies: ["setup"], use: { storageState: OWNER_STATE, timezoneId: "UTC", colorScheme: "light", viewport: { width: 1280, height: 800 } } },
  ],
});
