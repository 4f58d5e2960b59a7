// A hung PostgreSQL — every process of the server stopped with SIGSTOP: connections stay open and
// new ones are accepted by the kernel, but nothing ever answers — under a running page. The page
// keeps answering quickly from its last good snapshot and turns stale once the change feed's ping
// goes unanswered; /api/health answers 503 within 2 s; after SIGCONT the page is fresh again.
// Durations are checked loosely (the bounds: the page under 1 s, health within 2 s).
import { readdir, readFile, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres, type EmbeddedPostgresServer } from "@/lib/postgres/embedded";
import { applyMigrations } from "@/lib/postgres/migrate";
import { withDatabase } from "@/lib/postgres/connection-config";
import { adminQuery, freePort } from "@/test/postgres-server";

let server: EmbeddedPostgresServer;
let dataDir: string;
let stateDir: string;
let stopped: number[] = [];

/** The postmaster and every process it started (backends, checkpointer, WAL writer…). */
async function serverProcesses(): Promise<number[]> {
  const postmaster = Number((await readFile(path.join(dataDir, "postgres", "postmaster.pid"), "utf8")).split("\n")[0]);
  const children: number[] = [];
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, "utf8").catch(() => "");
    // Fields after the command name (which is in parentheses): state, ppid, …
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    if (ppid === postmaster) children.push(Number(entry));
  }
  return [postmaster, ...children];
}

function signalAll(pids: number[], signal: NodeJS.Signals) {
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // gone already
    }
  }
}

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await run();
  return { value, ms: performance.now() - started };
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), "vigil-hung-pg-"));
  stateDir = await mkdtemp(path.join(os.tmpdir(), "vigil-hung-state-"));
  server = await startEmbeddedPostgres({ dataDir, port: await freePort(), database: "postgres" });
  await adminQuery(server.url, `CREATE DATABASE vigil`);
  const url = withDatabase(server.url, "vigil");
  await applyMigrations(url);
  // Before anything reads the environment (env() parses once).
  process.env.DATABASE_URL = url;
  process.env.DATA_DIR = stateDir;
  process.env.PUBLIC_READ_TIMEOUT_MS = "500"; // the default, whatever the test setup chose
}, 120_000);

afterAll(async () => {
  signalAll(stopped, "SIGCONT");
  const { stopChangeFeed } = await import("@/lib/live/change-feed");
  const { disconnectDb } = await import("@/lib/db");
  await stopChangeFeed();
  await disconnectDb().catch(() => undefined);
  await server.stop().catch(() => undefined);
  await rm(dataDir, { recursive: true, force: true });
  await rm(stateDir, { recursive: true, force: true });
});

describe("with the database hung (SIGSTOP)", () => {
  it("answers the page from the snapshot quickly, marked stale; health answers within 2 s; fresh again after SIGCONT", async () => {
    const { seedPublicFixture } = await import("@/test/public-fixtures");
    const { changeFeed } = await import("@/lib/live/change-feed");
    const { clearViewCache } = await import("@/lib/public-read/view-cache");
    const { answerPublic } = await import("./_routes/public-routes");
    const { GET: health } = await import("../api/health/route");
    await seedPublicFixture();
    expect(await changeFeed().ready()).toBe(true);
    clearViewCache();
    const home = () => answerPublic(new Request("http://127.0.0.1/"));

    const before = await home();
    expect(before.status).toBe(200);
    expect(before.headers.get("x-vigil-stale")).toBeNull();
    expect((await health()).status).toBe(503); // no worker in this test; the database answers
    const fresh = await timed(health);
    expect((await fresh.value.json()).database.reachable).toBe(true);

    stopped = await serverProcesses();
    signalAll(stopped, "SIGSTOP");

    // Every answer comes quickly; the stale notice appears once the feed's ping went unanswered.
    const answers: { status: number; stale: boolean; ms: number }[] = [];
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && !answers.some((answer) => answer.stale)) {
      const { value, ms } = await timed(home);
      const html = await value.text();
      answers.push({ status: value.status, stale: value.headers.get("x-vigil-stale") === "1" && html.includes("Status data may be stale since"), ms });
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const slowest = Math.max(...answers.map((answer) => answer.ms));
    expect(answers.every((answer) => answer.status === 200), JSON.stringify(answers)).toBe(true);
    expect(answers.some((answer) => answer.stale), JSON.stringify(answers)).toBe(true);
    expect(slowest, JSON.stringify(answers)).toBeLessThan(1_000);
    // Again, once the snapshot is known to be stale: at once.
    const again = await timed(home);
    expect(again.value.status).toBe(200);
    expect(again.value.headers.get("x-vigil-stale")).toBe("1");
    expect(again.ms).toBeLessThan(1_000);

    const unhealthy = await timed(health);
    expect(unhealthy.value.status).toBe(503);
    expect((await unhealthy.value.json()).database).toEqual({ reachable: false, latencyMs: null, error: "Timeout" });
    expect(unhealthy.ms).toBeLessThan(2_000);

    signalAll(stopped, "SIGCONT");
    stopped = [];
    await expect.poll(() => changeFeed().listening, { timeout: 30_000 }).toBe(true);
    await expect
      .poll(async () => (await home()).headers.get("x-vigil-stale"), { timeout: 40_000, interval: 500 })
      .toBeNull();
    expect((await health()).status).toBe(503); // still no worker, but:
    expect((await (await health()).json()).database.reachable).toBe(true);
  }, 120_000);
});
