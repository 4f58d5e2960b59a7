// When the compiled entries in dist/ (scripts/compile.mjs) and the Next build (.next/) are current:
// when a source they are made of is newer than the build. Plain JavaScript because
// scripts/run-compiled.mjs decides with it before anything is compiled.
import { readdir, stat } from "node:fs/promises";
import path from "node:path";

export const DIST_DIR = "dist";
/** Written last by a compile: its mtime is the compile's. */
export const DIST_STAMP = ".compiled";

/** Production entries: name in dist/ → source. `node scripts/run-compiled.mjs <name>` runs one. */
export const COMPILED_ENTRIES = {
  start: "scripts/start.ts",
  "start-steps": "scripts/start-steps.ts",
  prepare: "scripts/prepare.ts",
  web: "scripts/web.ts",
  worker: "jobs/worker.ts",
  "all-in-one": "scripts/all-in-one.ts",
  mailer: "jobs/mailer-process.ts",
  admin: "scripts/admin.ts",
  config: "scripts/config.ts",
  alerts: "scripts/alerts.ts",
  probe: "scripts/probe.ts",
};

/** What dist/ is made of; lib/generated (Prisma's client) included, and app/ for the route handlers the web server runs itself. */
const DIST_SOURCES = ["lib", "jobs", "scripts", "app", "package-lock.json", "tsconfig.json"];
const DIST_SKIP = new Set(["node_modules"]);

/** True when dist/ was compiled after every change to its sources. */
export async function distIsCurrent(root) {
  return isNewerThanSources(path.join(root, DIST_DIR, DIST_STAMP), root, DIST_SOURCES, DIST_SKIP);
}

/** True when `builtFile` exists and no file under `sources` (paths relative to root) is newer. */
export async function isNewerThanSources(builtFile, root, sources, skip) {
  const built = await stat(builtFile).catch(() => null);
  if (!built) return false;
  for (const source of sources) {
    if ((await newestMtime(path.join(root, source), skip)) > built.mtimeMs) return false;
  }
  return true;
}

async function newestMtime(target, skip) {
  const info = await stat(target).catch(() => null);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of await readdir(target, { withFileTypes: true })) {
    if (skip.has(entry.name)) continue;
    newest = Math.max(newest, await newestMtime(path.join(target, entry.name), skip));
  }
  return newest;
}
