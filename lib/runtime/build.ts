// `npm start` builds when there is no build yet or a source file is newer than the build.
import path from "node:path";
import { isNewerThanSources } from "./dist-freshness.mjs";

const SOURCES = ["app", "lib", "public", "proxy.ts", "next.config.ts", "package-lock.json", "tsconfig.json"];
const SKIP = new Set(["node_modules", "generated", ".next"]);

export async function buildIsCurrent(root: string): Promise<boolean> {
  return isNewerThanSources(path.join(root, ".next", "BUILD_ID"), root, SOURCES, SKIP);
}
