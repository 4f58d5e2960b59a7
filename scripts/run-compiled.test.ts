// `node scripts/run-compiled.mjs <entry>` the first time after a change: it compiles dist/, then
// runs the entry — and stdout carries the entry's output alone. Run in a scratch project whose
// sources and packages are links to this one's, so this one's dist/ is never touched; scripts/ is
// copied (through a link, compile.mjs would not see itself as the script Node was asked to run).
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdtemp, rm, symlink } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { CheckResult } from "@/lib/checks/schemas";

const root = path.resolve(import.meta.dirname, "..");
let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), "vigil-run-compiled-"));
  for (const name of ["lib", "jobs", "app", "node_modules", "package.json", "package-lock.json", "tsconfig.json"]) {
    await symlink(path.join(root, name), path.join(scratch, name));
  }
  await cp(path.join(root, "scripts"), path.join(scratch, "scripts"), { recursive: true });
});
afterAll(() => rm(scratch, { recursive: true, force: true }));

it("compiles a missing dist/ first, reports that on stderr, and leaves stdout to the entry (probe --json)", { timeout: 60_000 }, async () => {
  const run = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    // A blocked address: the probe answers at once, with no network, and exits 2 (down).
    execFile(process.execPath, ["scripts/run-compiled.mjs", "probe", "--json", "https://127.0.0.1:1/"], { cwd: scratch, env: { ...process.env, PROBE_ALLOWLIST: "" } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
  expect(run.stderr).toMatch(/^\[vigil\] compiled \d+ entries into dist\/ in \d+ ms$/m);
  expect(existsSync(path.join(scratch, "dist", "probe.js"))).toBe(true);
  expect(run.code, run.stderr).toBe(2);
  expect(CheckResult.parse(JSON.parse(run.stdout))).toMatchObject({ state: "down", reasons: [{ code: "blocked_address" }] });
});
