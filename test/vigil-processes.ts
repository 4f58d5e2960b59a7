// Real Vigil processes and local targets for fault drills and benchmarks: workers and web
// instances as `npm run worker` / `npm run web` start them, loopback HTTP targets that count their
// hits, and a peak-RSS sampler. Nothing here mocks Vigil; it only starts and watches it.
import { spawn, type ChildProcess } from "node:child_process";
import { readFile } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import pg from "pg";
import { parseDatabaseUrl } from "../lib/postgres/connection-config";
import { slotPhaseMs } from "../lib/monitors/probe-slots";
import type { COMPILED_ENTRIES } from "../lib/runtime/dist-freshness.mjs";
import { WORKER_HEAP_ARGS } from "../lib/runtime/worker-command";

export type VigilProcess = {
  name: string;
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
  stop(graceMs?: number): Promise<void>;
  /** kill -9: no chance to clean up. */
  kill9(): Promise<void>;
};

const OUTPUT_LIMIT = 200_000;

/**
 * Node's arguments for a compiled entry as `npm run <entry>` gives them (scripts/run-compiled.mjs,
 * after `nodeArgs`): tests run what users run, without a TypeScript loader in every process.
 * Vitest's global setup has compiled dist/ (test/ensure-built.ts).
 */
export function compiledEntry(entry: keyof typeof COMPILED_ENTRIES, nodeArgs: readonly string[] = []): string[] {
  return [...nodeArgs, "scripts/run-compiled.mjs", entry];
}

function startProcess(name: string, args: string[], env: NodeJS.ProcessEnv, keepOutput: boolean): VigilProcess {
  const child = spawn(process.execPath, args, {
    env: { ...env, NEXT_TELEMETRY_DISABLED: "1" },
    // The IPC channel makes the child stop by itself when this process dies, however it dies.
    stdio: ["ignore", keepOutput ? "pipe" : "ignore", "pipe", "ipc"],
  });
  return watchProcess(name, child);
}

/** A spawned process (stdout and stderr piped, or stdout ignored) as a VigilProcess: its output kept, stoppable. */
export function watchProcess(name: string, child: ChildProcess): VigilProcess {
  let output = "";
  // The newest output is the interesting part (why it died, the last requests): keep the tail.
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > 2 * OUTPUT_LIMIT) output = output.slice(-OUTPUT_LIMIT);
  };
  child.stdout?.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  return {
    name,
    child,
    output: () => output,
    exited,
    async stop(graceMs = 15_000) {
      if (gone()) return;
      const force = setTimeout(() => child.kill("SIGKILL"), graceMs);
      child.kill("SIGTERM");
      await exited;
      clearTimeout(force);
    },
    async kill9() {
      if (gone()) return;
      child.kill("SIGKILL");
      await exited;
    },
  };
}

/** A worker process as `npm run worker` runs it, against `databaseUrl`. */
export function startWorker(name: string, databaseUrl: string, env: Record<string, string> = {}, keepOutput = true): VigilProcess {
  return startProcess(
    name,
    compiledEntry("worker", WORKER_HEAP_ARGS),
    { ...process.env, DATABASE_URL: databaseUrl, PROBE_ALLOW_PRIVATE_NETWORKS: "true", ...env },
    keepOutput,
  );
}

/** A web instance as `npm run web` runs it, on `port`. */
export function startWeb(name: string, databaseUrl: string, port: number, env: Record<string, string> = {}, keepOutput = true): VigilProcess {
  return startProcess(name, compiledEntry("web"), { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: "127.0.0.1", ...env }, keepOutput);
}

/** Waits until `url` answers 200 (or the process dies). */
export async function waitForOk(url: string, process_: VigilProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (process_.child.exitCode !== null) throw new Error(`${process_.name} exited early:\n${process_.output()}`);
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) }).catch(() => null);
    if (response?.status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} not ready within ${timeoutMs} ms:\n${process_.output()}`);
}

export type TargetServers = {
  ports: number[];
  /** Request times (ms since epoch) per path, e.g. "/m/17". */
  hits: Map<string, number[]>;
  /** Paths answered with 503 (a failing target). */
  failing: Set<string>;
  close(): Promise<void>;
};

/**
 * `count` loopback HTTP servers answering a small page: 200, or 503 for paths in `failing`, after
 * `delayMs` (slow targets keep checks in flight, which is what a killed worker loses).
 */
export async function startTargets(count: number, options: { recordHits?: boolean; delayMs?: number } = {}): Promise<TargetServers> {
  const hits = new Map<string, number[]>();
  const failing = new Set<string>();
  const servers = await Promise.all(
    Array.from({ length: count }, async () => {
      const server = http.createServer((request, response) => {
        const url = request.url ?? "/";
        if (options.recordHits) {
          const list = hits.get(url) ?? [];
          list.push(Date.now());
          hits.set(url, list);
        }
        const answer = () => (failing.has(url) ? response.writeHead(503).end("down") : response.end("<html>ok</html>"));
        if (options.delayMs) setTimeout(answer, options.delayMs);
        else answer();
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      return server;
    }),
  );
  return {
    ports: servers.map((server) => (server.address() as AddressInfo).port),
    hits,
    failing,
    close: async () => {
      await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    },
  };
}

/**
 * Inserts `count` HTTP monitors named `${prefix}-<i>` spread over the target ports, or aimed at
 * `url` (one address for all, e.g. an HTTPS fixture).
 */
export async function insertHttpMonitors(
  client: pg.Client,
  options: {
    prefix: string;
    count: number;
    ports: number[];
    intervalSeconds: number;
    timeoutMs?: number;
    componentOf?: (i: number) => string | null;
    regions?: string[];
    url?: string;
  },
): Promise<string[]> {
  const ids = Array.from({ length: options.count }, (_, i) => `${options.prefix}-${i}`);
  const targets = ids.map((id, i) => options.url ?? `http://127.0.0.1:${options.ports[i % options.ports.length]}/m/${id}`);
  await client.query(
    `INSERT INTO "Monitor" (id, name, kind, target, "intervalSeconds", "timeoutMs", "componentId", regions, "updatedAt")
     SELECT id, 'Monitor ' || id, 'http', target, $3, $4, component, $6::text[], now()
     FROM unnest($1::text[], $2::text[], $5::text[]) AS t(id, target, component)`,
    [ids, targets, options.intervalSeconds, options.timeoutMs ?? 5000, ids.map((_, i) => options.componentOf?.(i) ?? null), options.regions ?? ["local"]],
  );
  return ids;
}

export async function connect(databaseUrl: string): Promise<pg.Client> {
  const client = new pg.Client(parseDatabaseUrl(databaseUrl));
  // A server that goes away fails the next query with a clear error instead of crashing the process.
  client.on("error", (error) => console.error(`database connection lost: ${error.message}`));
  await client.connect();
  return client;
}

/** Samples the resident set size of processes every 500 ms; `peakMb()` per name. */
export function sampleRss(processes: () => VigilProcess[]): { peakMb(name: string): number; stop(): void } {
  const peaks = new Map<string, number>();
  const timer = setInterval(() => {
    for (const target of processes()) {
      void readFile(`/proc/${target.child.pid}/status`, "utf8")
        .then((status) => {
          const mb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
          peaks.set(target.name, Math.max(peaks.get(target.name) ?? 0, mb));
        })
        .catch(() => {});
    }
  }, 500);
  return { peakMb: (name) => peaks.get(name) ?? 0, stop: () => clearInterval(timer) };
}

/** Prints a drill's or benchmark's figures as one block, so CI logs show them. */
export function printFigures(title: string, figures: Record<string, string | number | boolean>): void {
  const width = Math.max(...Object.keys(figures).map((key) => key.length));
  const lines = Object.entries(figures).map(([key, value]) => `  ${key.padEnd(width)}  ${value}`);
  console.log(`\n${title}\n${lines.join("\n")}`);
}

/** The 1, 5 and 15-minute load averages, "0.12 / 0.40 / 0.85": every benchmark prints them with its figures. */
export function loadAverage(): string {
  return os.loadavg().map((load) => load.toFixed(2)).join(" / ");
}

/** Percentile (0..1) of a list of numbers, nearest-rank. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

/** Exactly how many slots the monitors `ids` have in [from, to), from each one's phase. */
export function expectedSlots(ids: readonly string[], intervalSeconds: number, from: Date, to: Date): number {
  const intervalMs = intervalSeconds * 1000;
  let slots = 0;
  for (const id of ids) {
    const phase = slotPhaseMs(id, intervalMs);
    for (let at = Math.ceil((from.getTime() - phase) / intervalMs) * intervalMs + phase; at < to.getTime(); at += intervalMs) slots++;
  }
  return slots;
}

/**
 * Per monitor, the slots in probe jobs a dead worker held: jobs left active, jobs expired since
 * (state `retry`, whose retry_count pg-boss raises only when a worker takes them again — one past
 * its keep-until never is, and is archived so), failed ones, and jobs another worker ran again
 * (retried, in the job table or already archived). A check of such a slot may have reached its
 * target without being recorded, or twice.
 */
export async function heldProbeSlots(client: pg.Client, monitorIdPrefix = ""): Promise<Map<string, number>> {
  const { rows } = await client.query<{ monitorId: string; n: number }>(
    `SELECT slot->>0 AS "monitorId", count(*)::int AS n
     FROM (SELECT name, state, retry_count, data FROM pgboss.job
           UNION ALL
           SELECT name, state, retry_count, data FROM pgboss.archive) held
     CROSS JOIN LATERAL jsonb_array_elements(held.data->'slots') AS slot
     WHERE held.name LIKE 'probe-%' AND (held.state IN ('active', 'retry', 'failed') OR held.retry_count > 0) AND slot->>0 LIKE $1 || '%'
     GROUP BY 1`,
    [monitorIdPrefix],
  );
  return new Map(rows.map((row) => [row.monitorId, row.n]));
}
