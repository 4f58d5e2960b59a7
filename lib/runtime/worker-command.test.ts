import { spawnSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CHILD_MEMORY_ENV, LAUNCHER_NODE_ARGS } from "./worker-command";

describe("the launcher's Node flags", () => {
  it("are the ones `npm start` runs it with (package.json cannot import them)", async () => {
    const manifest = JSON.parse(await readFile(path.join(import.meta.dirname, "..", "..", "package.json"), "utf8")) as { scripts: Record<string, string> };
    expect(manifest.scripts.start).toBe(`exec node ${LAUNCHER_NODE_ARGS.join(" ")} scripts/run-compiled.mjs start`);
  });
});

// Run with and without the launcher's malloc settings: a process frees one large block (glibc
// then raises its thresholds), then 20 MB in 128 KB blocks. How much of those 20 MB it still holds
// is what the settings are for. Buffers are allocated with malloc, outside V8's heap.
const FREES_A_LARGE_BLOCK_THEN_20_MB = `
  const rss = () => process.memoryUsage().rss;
  const settle = async () => { for (let i = 0; i < 3; i++) { gc(); await new Promise((resolve) => setTimeout(resolve, 50)); } };
  let large = Buffer.allocUnsafeSlow(24 << 20).fill(1);
  large = null;
  await settle();
  const before = rss();
  let blocks = Array.from({ length: 160 }, () => Buffer.allocUnsafeSlow(128 << 10).fill(1));
  const held = rss() - before;
  blocks = null;
  await settle();
  console.log(JSON.stringify({ held, kept: rss() - before }));
`;

function retainedAfterFree(env: NodeJS.ProcessEnv): { held: number; kept: number } {
  const run = spawnSync(process.execPath, ["--expose-gc", "--input-type=module", "-e", FREES_A_LARGE_BLOCK_THEN_20_MB], { env, encoding: "utf8" });
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as { held: number; kept: number };
}

// glibc's tunables exist only there; other C libraries ignore the variable.
const glibc = Boolean((process.report.getReport() as { header: { glibcVersionRuntime?: string } }).header.glibcVersionRuntime);

describe("the malloc settings the launcher gives its children", () => {
  it.runIf(glibc)("return freed memory to the system, where glibc's defaults keep it", () => {
    const withoutTunables = { ...process.env, GLIBC_TUNABLES: "" };
    const MB = 1 << 20;
    const defaults = retainedAfterFree(withoutTunables);
    const tuned = retainedAfterFree({ ...withoutTunables, ...CHILD_MEMORY_ENV });
    expect(defaults.held).toBeGreaterThan(15 * MB); // the 20 MB were really resident
    expect(tuned.held).toBeGreaterThan(15 * MB);
    expect(defaults.kept).toBeGreaterThan(15 * MB);
    expect(tuned.kept).toBeLessThan(5 * MB);
  });
});
