// Which Chromium the e2e tests drive, and installing one where none is (the one place that does it:
// `npm test` and `npm run test:e2e` call ensureChromium, playwright.config.ts chromiumExecutable).
// Debian's, since browser downloads do not work on every machine: its headless shell where present
// (the same Chromium without the full browser around the page, as Playwright's own headless runs
// use; far less CPU: docs/operator-guide.md, "Running the tests"), else its full browser, else
// Playwright's own; CHROMIUM_PATH overrides them all.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

const DEBIAN_PACKAGE = "chromium-headless-shell";
const DEBIAN_HEADLESS_SHELL = "/usr/lib/chromium/chromium-headless-shell";
const DEBIAN_CHROMIUM = "/usr/bin/chromium";

/** The executable to launch; undefined means Playwright's own browser. */
export function chromiumExecutable(): string | undefined {
  return process.env.CHROMIUM_PATH ?? [DEBIAN_HEADLESS_SHELL, DEBIAN_CHROMIUM].find((path) => existsSync(path));
}

/**
 * Makes sure a browser is there: installs Debian's headless shell when it can (root with apt-get),
 * and otherwise takes the full browser that is there, or throws with the one command that fixes
 * it, before any suite has spent its minutes.
 */
export function ensureChromium(): void {
  if (process.env.CHROMIUM_PATH) {
    if (existsSync(process.env.CHROMIUM_PATH)) return;
    throw new Error(`CHROMIUM_PATH is ${process.env.CHROMIUM_PATH}, which does not exist`);
  }
  if (existsSync(DEBIAN_HEADLESS_SHELL)) return;
  const apt = existsSync("/usr/bin/apt-get");
  if (apt && process.getuid?.() === 0 && installHeadlessShell()) return;
  if (existsSync(chromiumExecutable() ?? chromium.executablePath())) return;
  throw new Error(`no Chromium for the e2e tests; install one with: ${apt ? `sudo apt-get install -y ${DEBIAN_PACKAGE}` : "npx playwright install chromium"}`);
}

function installHeadlessShell(): boolean {
  console.log(`installing Debian's ${DEBIAN_PACKAGE} for the e2e tests (browser downloads do not work everywhere)`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  for (const args of [["update", "-qq"], ["install", "-y", "-qq", DEBIAN_PACKAGE]]) {
    if (spawnSync("apt-get", args, { stdio: ["ignore", "ignore", "inherit"], env }).status !== 0) {
      console.log(`apt-get ${args.join(" ")} failed`);
      return false;
    }
  }
  return existsSync(DEBIAN_HEADLESS_SHELL);
}
