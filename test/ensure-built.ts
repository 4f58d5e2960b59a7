// Tests and benchmarks that start `npm run web`, `npm start` or a compiled command need a
// production build: Next's (.next/) and Vigil's compiled entries (dist/). `npm test` builds Next
// first; otherwise the integration tests' global setup (test/build-global-setup.ts) and each such
// benchmark build first (once, when the sources are newer than the build). Compiling here also
// spares every test process started through scripts/run-compiled.mjs a compile of its own.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { buildIsCurrent } from "../lib/runtime/build";
import { distIsCurrent } from "../lib/runtime/dist-freshness.mjs";

export async function ensureBuilt(): Promise<void> {
  const root = process.cwd();
  if (!(await distIsCurrent(root))) await run("compile", [path.join(root, "scripts", "compile.mjs")]);
  if (!(await buildIsCurrent(root))) await run("next build", [createRequire(import.meta.url).resolve("next/dist/bin/next"), "build"]);
}

async function run(name: string, args: string[]): Promise<void> {
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, args, { stdio: "ignore", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    child.once("exit", resolve);
  });
  if (code !== 0) throw new Error(`${name} failed (exit ${code})`);
}
