// `npm start` builds when there is no build yet or a source file is newer than the build.
import { readdir, stat } from "node:fs/promises";
import path from "node:path";

const SOURCES = ["app", "lib", "public", "proxy.ts", "next.config.ts", "package-lock.json", "tsconfig.json"];
const SKIP = new Set(["node_modules", "generated", ".next"]);

export async function buildIsCurrent(root: string): Promise<boolean> {
  const built = await stat(path.join(root, ".next", "BUILD_ID")).catch(() => null);
  if (!built) return false;
  for (const source of SOURCES) {
    if ((await newestMtime(path.join(root, source))) > built.mtimeMs) return false;
  }
  return true;
}

async function newestMtime(target: string): Promise<number> {
  const info = await stat(target).catch(() => null);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of await readdir(target, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    newest = Math.max(newest, await newestMtime(path.join(target, entry.name)));
  }
  return newest;
}
