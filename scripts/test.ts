// `npm test`: every suite in one command — build, typecheck, lint, vitest (unit and integration
// tests on a real PostgreSQL), then the fault drills and Playwright (real Chromium) side by side —
// closing with one plain line "N passed, N failed" (CI reads it). `npm run test:e2e [-- <playwright
// args>]` runs only the e2e part: it builds first only when the build is missing or older than the
// sources.
import { spawn } from "node:child_process";
import { mkdir, open, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { ensureChromium } from "../e2e/chromium";
import { buildIsCurrent } from "../lib/runtime/build";

const reportsDir = path.resolve(".test-data/reports");
const totals = { passed: 0, failed: 0, skipped: 0 };
const summary: string[] = [];
// Listed again just before the counts, so that the last lines of a long run say what failed.
const failures: string[] = [];

/**
 * Runs a command to its end. With `shownAtEnd` (the step's name), its output goes to a log file
 * instead of this terminal and is printed in one piece when it ends, so that steps running side by
 * side do not interleave.
 */
async function run(command: string, args: string[], env: Record<string, string> = {}, shownAtEnd?: string): Promise<number> {
  const log = shownAtEnd ? path.join(reportsDir, `${shownAtEnd}.log`) : undefined;
  const file = log ? await open(log, "w") : undefined;
  const output = file ? file.fd : "inherit";
  try {
    return await new Promise((resolve) => {
      const child = spawn(command, args, {
        stdio: ["inherit", output, output],
        env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env },
      });
      child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    });
  } finally {
    await file?.close();
    if (log) console.log(`\n── ${shownAtEnd}: output\n${await readFile(log, "utf8")}`);
  }
}

/** Seconds since `from` (performance.now()), for the summary: where a long run spent its time. */
const secondsSince = (from: number) => Math.round((performance.now() - from) / 1000);

function record(name: string, passed: number, failed: number, skipped = 0, startedAt?: number) {
  totals.passed += passed;
  totals.failed += failed;
  totals.skipped += skipped;
  const took = startedAt === undefined ? "" : ` (${secondsSince(startedAt)} s)`;
  summary.push(`${name}: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}${took}`);
}

/** A step that is one check: its exit code is its result. */
async function check(name: string, command: string, args: string[], shownAtEnd = false): Promise<boolean> {
  console.log(`\n── ${name}: ${[command, ...args].join(" ")}${shownAtEnd ? " (output shown when it ends)" : ""}`);
  const startedAt = performance.now();
  const ok = (await run(command, args, {}, shownAtEnd ? name : undefined)) === 0;
  record(name, ok ? 1 : 0, ok ? 0 : 1, 0, startedAt);
  return ok;
}

async function readJson<T>(file: string): Promise<T | null> {
  return readFile(file, "utf8").then((text) => JSON.parse(text) as T, () => null);
}

/** Vitest's projects `projects`, counted as `name`. */
async function vitest(name: string, projects: string[], shownAtEnd = false) {
  const selection = projects.flatMap((project) => ["--project", project]);
  console.log(`\n── ${name}: vitest ${selection.join(" ")}${shownAtEnd ? " (output shown when it ends)" : ""}`);
  const output = path.join(reportsDir, `${name}.json`);
  const startedAt = performance.now();
  const args = ["vitest", "run", ...selection, "--reporter=default", "--reporter=json", `--outputFile.json=${output}`];
  const code = await run("npx", args, {}, shownAtEnd ? name : undefined);
  const report = await readJson<{
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
    success: boolean;
    testResults: { name: string; status: string; message: string; assertionResults: { fullName: string; status: string }[] }[];
  }>(output);
  if (!report) return record(name, 0, 1);
  for (const file of report.testResults) {
    const where = path.relative(process.cwd(), file.name);
    const failedTests = file.assertionResults.filter((test) => test.status === "failed");
    for (const test of failedTests) failures.push(`vitest ${where} › ${test.fullName}`);
    if (file.status === "failed" && failedTests.length === 0) failures.push(`vitest ${where}: ${file.message.split("\n")[0]}`);
  }
  // A suite that fails to load (or whose beforeAll throws, e.g. a missing pgbouncer) counts as a
  // failure even when no test inside it ran. The exit code alone does not tell: with the embedded
  // PostgreSQL's exit hook loaded, vitest exits 0 even after failures; the report's `success` does.
  const failed = report.numFailedTests || (code === 0 && report.success ? 0 : 1);
  record(name, report.numPassedTests, failed, report.numPendingTests + report.numTodoTests, startedAt);
}

async function playwright(built: boolean, args: string[] = []) {
  if (!built) return record("playwright (skipped: build failed)", 0, 1);
  console.log("\n── playwright (e2e in Chromium)");
  const output = path.join(reportsDir, "playwright.json");
  const startedAt = performance.now();
  const code = await run("npx", ["playwright", "test", "--reporter=list,json", ...args], { PLAYWRIGHT_JSON_OUTPUT_FILE: output });
  const report = await readJson<PlaywrightReport>(output);
  if (!report) return record("playwright", 0, 1);
  for (const suite of report.suites) failures.push(...failedSpecs(suite, []));
  const failed = report.stats.unexpected + report.stats.flaky || (code === 0 ? 0 : 1);
  record("playwright", report.stats.expected, failed, report.stats.skipped, startedAt);
}

type PlaywrightSuite = {
  title: string;
  file: string;
  suites?: PlaywrightSuite[];
  specs?: { title: string; file: string; line: number; tests: { status: string }[] }[];
};
type PlaywrightReport = {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  suites: PlaywrightSuite[];
};

function failedSpecs(suite: PlaywrightSuite, titles: string[]): string[] {
  // A file's own suite is titled by its file name, which the spec's location already names.
  const inner = suite.title === suite.file ? titles : [...titles, suite.title];
  return [
    ...(suite.specs ?? [])
      .filter((spec) => spec.tests.some((test) => test.status === "unexpected" || test.status === "flaky"))
      .map((spec) => `playwright ${spec.file}:${spec.line} › ${[...inner, spec.title].join(" › ")}`),
    ...(suite.suites ?? []).flatMap((child) => failedSpecs(child, inner)),
  ];
}

// No suite argument: everything. "e2e", then Playwright's own arguments: the e2e part alone.
const Selection = z.union([z.tuple([]), z.tuple([z.literal("e2e")], z.string())]);
const selection = Selection.safeParse(process.argv.slice(2));
if (!selection.success) {
  console.error("usage: node --import tsx scripts/test.ts [e2e [playwright arguments…]]");
  process.exit(64);
}
const [suite, ...playwrightArgs] = selection.data;

// A missing browser stops the run now, not after minutes of other suites.
try {
  ensureChromium();
} catch (error) {
  console.error(`\n${(error as Error).message}`);
  record("chromium", 0, 1);
  finish();
}

await rm(reportsDir, { recursive: true, force: true });
await mkdir(reportsDir, { recursive: true });

if (suite === "e2e") {
  const built = (await buildIsCurrent(process.cwd())) || (await check("build", "npx", ["next", "build"]));
  await playwright(built, playwrightArgs);
} else {
  // The build first: it writes Next's route types (.next/types), which the typecheck covers; the
  // build itself does not type-check (next.config.ts).
  const built = await check("build", "npx", ["next", "build"]);
  // Each of the two is one thread: side by side they take 23 s instead of 31.
  await Promise.all([check("typecheck", "npx", ["tsc", "--noEmit"]), check("lint", "npx", ["eslint", "--max-warnings=0", "."], true)]);
  await vitest("vitest", ["unit", "integration"]);
  // Both wait on real time for part of their run, so Playwright runs beside the drills instead of
  // after them: the waits overlap. The drills' output is shown once they end, not interleaved.
  await Promise.all([vitest("drills", ["drills"], true), playwright(built)]);
}
finish();

function finish(): never {
  if (failures.length > 0) console.log(`\nfailed:\n${failures.map((line) => `  ${line}`).join("\n")}`);
  console.log(`\n${summary.join("\n")}`);
  console.log(`in all: ${secondsSince(0)} s`); // performance.now() counts from this process's start
  console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ""}`);
  process.exit(totals.failed > 0 ? 1 : 0);
}
