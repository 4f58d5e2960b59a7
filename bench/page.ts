// npm run bench:page — the public page, its JSON and its feed under load (issues #5 and #18). Not a
// test: it prints figures. On a throwaway embedded PostgreSQL with the demo page and a few incidents:
//   1. starts Vigil's web server (scripts/web.ts: Next behind the response cache) and warms it;
//   2. for each address (`/`, `/api/v2/summary.json`, `/history.atom`; BENCH_PATHS, comma-separated,
//      picks others), serves the exact bytes Vigil answered from a minimal static Node HTTP server in
//      its own process (that address's floor) and loads both with autocannon at 64 connections;
//   3. counts the database's committed transactions (pg_stat_database.xact_commit) across the
//      Vigil runs, after letting the statistics settle, minus the bench's own reads;
//   4. reports the page's JavaScript (external scripts and inline, gzipped).
// Three alternating rounds (static, Vigil) per address; the median of each is compared.
// BENCH_SECONDS (default 10) per run. The server's access log is off (LOG_LEVEL=warn), as behind a
// proxy that keeps it: one JSON line per request to a terminal would measure the terminal. Builds first when the build is missing or older than the sources.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import autocannon, { type Result } from "autocannon";
import pg from "pg";
import { disconnectDb } from "../lib/db";
import { parseDatabaseUrl, withDatabase } from "../lib/postgres/connection-config";
import { startEmbeddedPostgres } from "../lib/postgres/embedded";
import { applyMigrations } from "../lib/postgres/migrate";
import { freePort } from "../test/postgres-server";
import { ensureBuilt } from "../test/ensure-built";
import { seedPublicFixture } from "../test/public-fixtures";
import { loadAverage } from "../test/vigil-processes";

const REPO_ROOT = path.resolve(import.meta.dirname, "..");
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 64;
const ROUNDS = 3;
const PATHS = (process.env.BENCH_PATHS ?? "/,/api/v2/summary.json,/history.atom").split(",").map((p) => p.trim());
/** PostgreSQL flushes an idle backend's statistics within about ten seconds. */
const STATS_SETTLE_MS = 11_000;
if (!(SECONDS > 0 && SECONDS <= 600)) throw new Error(`BENCH_SECONDS must be in (0, 600], got ${process.env.BENCH_SECONDS}`);
if (!PATHS.every((p) => p.startsWith("/"))) throw new Error(`BENCH_PATHS must list absolute paths, got ${process.env.BENCH_PATHS}`);

/** The minimal static server: the same bytes, the same content type, nothing else. */
const STATIC_SERVER = `const [file, type, port] = process.argv.slice(1); const body = require("node:fs").readFileSync(file);
require("node:http").createServer((request, response) => { response.writeHead(200, { "content-type": type, "content-length": body.length }); response.end(body); }).listen(Number(port), "127.0.0.1");`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main() {
  console.log(`load average (1 / 5 / 15 min) at the start: ${loadAverage()}`);
  // A build older than the sources would measure yesterday's page.
  await ensureBuilt();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "vigil-bench-page-"));
  const server = await startEmbeddedPostgres({ dataDir, port: await freePort(), database: "postgres" });
  const pgAdmin = new pg.Client(parseDatabaseUrl(server.url));
  await pgAdmin.connect();
  await pgAdmin.query("CREATE DATABASE vigil");
  await pgAdmin.end();
  const url = withDatabase(server.url, "vigil");
  await applyMigrations(url);
  process.env.DATABASE_URL = url;
  await seedPublicFixture();
  await disconnectDb();

  const port = await freePort();
  const web = spawn(process.execPath, ["--import", "tsx", "scripts/web.ts"], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATABASE_URL: url, PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, LOG_LEVEL: "warn", NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const origin = `http://127.0.0.1:${port}`;
  const staticServers: ChildProcess[] = [];
  const stats = new pg.Client(parseDatabaseUrl(url));
  try {
    await waitForHttp(`${origin}/`);
    // Warm-up: the snapshot is read and each answer rendered and cached; then give the LISTEN
    // connection's reconnect bump and the first renders time to settle.
    for (const address of PATHS) for (let i = 0; i < 20; i += 1) await fetch(origin + address).then((r) => r.arrayBuffer());
    await sleep(500);

    // Each floor runs in its own process, like Vigil's server: not beside autocannon's event loop.
    const targets: { address: string; bytes: Buffer; floorUrl: string }[] = [];
    for (const [index, address] of PATHS.entries()) {
      const answer = await fetch(origin + address);
      if (!answer.ok) throw new Error(`${address} answered ${answer.status}`);
      const bytes = Buffer.from(await answer.arrayBuffer());
      const file = path.join(dataDir, `floor-${index}`);
      await writeFile(file, bytes);
      const staticPort = await freePort();
      const type = answer.headers.get("content-type") ?? "application/octet-stream";
      staticServers.push(spawn(process.execPath, ["-e", STATIC_SERVER, file, type, String(staticPort)], { stdio: ["ignore", "inherit", "inherit"] }));
      const floorUrl = `http://127.0.0.1:${staticPort}/`;
      await waitForHttp(floorUrl);
      targets.push({ address, bytes, floorUrl });
    }

    console.log(`\n${CONNECTIONS} connections, ${SECONDS} s per run, ${ROUNDS} rounds alternating per address`);
    await stats.connect();
    const xacts = async () => {
      await stats.query("SELECT pg_stat_clear_snapshot()");
      const { rows } = await stats.query<{ n: string }>("SELECT xact_commit AS n FROM pg_stat_database WHERE datname = current_database()");
      return Number(rows[0]?.n ?? 0);
    };
    await sleep(STATS_SETTLE_MS);
    const before = await xacts();
    const ratios: string[] = [];
    for (const { address, bytes, floorUrl } of targets) {
      console.log(`\n${address}: ${bytes.length} bytes`);
      // Alternating rounds, so a noisy neighbour hurts both sides alike; the median round counts.
      const floors: Result[] = [];
      const vigils: Result[] = [];
      for (let round = 1; round <= ROUNDS; round += 1) {
        floors.push(await load(floorUrl));
        report(`round ${round} static (floor)`, floors.at(-1)!);
        vigils.push(await load(origin + address));
        report(`round ${round} Vigil`, vigils.at(-1)!);
      }
      const floor = median(floors);
      const vigil = median(vigils);
      report("median static (floor)", floor);
      report("median Vigil", vigil);
      ratios.push(`${address.padEnd(28)} ${(vigil.requests.average / floor.requests.average).toFixed(2)}× of its static floor (target ≥ 0.5), Vigil p99 ${vigil.latency.p99} ms (target < 50 ms)`);
    }
    await sleep(STATS_SETTLE_MS);
    const after = await xacts();
    // The stats client's own two statements per read each commit once.
    const queries = Math.max(0, after - before - 2);
    console.log(`\n${ratios.join("\n")}`);
    console.log(`load average (1 / 5 / 15 min) at the end: ${loadAverage()}`);
    console.log(`database transactions during the runs (after warm-up): ${queries} (target 0)`);

    const home = targets.find((target) => target.address === "/");
    if (home) {
      const html = home.bytes.toString("utf8");
      const external = [...html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]);
      const inline = (html.match(/<script>[\s\S]*?<\/script>/g) ?? []).join("");
      console.log(`public page JavaScript: ${external.length} external scripts; inline ${inline.length} B, ${gzipSync(inline).length} B gzipped (budget 60 KB gzipped)`);
      console.log(`whole page gzipped: ${gzipSync(home.bytes).length} B`);
    }
  } finally {
    await stats.end().catch(() => undefined);
    for (const floor of staticServers) floor.kill("SIGTERM");
    web.kill("SIGTERM");
    await new Promise((resolve) => web.once("exit", resolve));
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function load(url: string): Promise<Result> {
  return autocannon({ url, connections: CONNECTIONS, duration: SECONDS });
}

/** The round with the median request rate. */
function median(results: Result[]): Result {
  return results.toSorted((a, b) => a.requests.average - b.requests.average)[Math.floor(results.length / 2)]!;
}

function report(name: string, result: Result) {
  console.log(
    `${name.padEnd(28)} ${Math.round(result.requests.average).toString().padStart(7)} req/s   p50 ${result.latency.p50} ms   p99 ${result.latency.p99} ms   non-2xx ${result.non2xx}   errors ${result.errors}`,
  );
}

async function waitForHttp(url: string) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(2_000) })).ok) return;
    } catch {
      // not up yet
    }
    await sleep(250);
  }
  throw new Error(`${url} did not answer within 120 s`);
}

await main();
