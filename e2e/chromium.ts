// Which Chromium the e2e tests drive, and installing one where none is (the one place that does it:
// `npm test` and `npm run test:e2e` call ensureChromium, playwright.config.ts chromiumExecutable).
// Debian's chromium where present, since browser downloads do not work on every machine;
// otherwise Playwright's own browser; CHROMIUM_PATH overrides both.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

const DEBIAN_CHROMIUM = "/usr/bin/chromium";

/** The executable to launch; undefined means Playwright's own browser. */
export function chromiumExecutable(): string | undefined {
  return process.env.CHROMIUM_PATH ?? (existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : undefined);
}

/**
 * Makes sure a browser is there: installs Debian's chromium when it can (root with apt-get), and
 * otherwise throws with the one command that fixes it, before any suite has spent its minutes.
 */
export function ensureChromium(): void {
  const executable = chromiumExecutable() ?? chromium.executablePath();
  if (existsSync(executable)) return;
  if (process.env.CHROMIUM_PATH) throw new Error(`CHROMIUM_PATH is ${process.env.CHROMIUM_PATH}, which does not exist`);
  const apt = existsSync("/usr/bin/apt-get");
  if (!apt || process.getuid?.() !== 0) {
    throw new Error(`no Chromium for the e2e tests; install one with: ${apt ? "sudo apt-get install -y chromium" : "npx playwright install chromium"}`);
  }
  console.log("installing Debian's chromium for the e2e tests (browser downloads do not work everywhere)");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  for (const args of [["update", "-qq"], ["install", "-y", "-qq", "chromium"]]) {
    const result = spawnSync("apt-get", args, { stdio: ["ignore", "ignore", "inherit"], env });
    if (result.status !== 0) throw new Error(`apt-get ${args.join(" ")} failed; install Chromium with: apt-get install -y chromium`);
  }
  if (!existsSync(DEBIAN_CHROMIUM)) throw new Error(`apt-get installed chromium but ${DEBIAN_CHROMIUM} is missing`);
}
