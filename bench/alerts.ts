// npm run bench:alerts — issue #14's benchmark, on a throwaway embedded PostgreSQL (temp dir,
// 127.0.0.1) and a local HTTP receiver in a child process (bench/alert-receiver-process.ts). Not a
// test: it prints figures.
//   (a) baseline: raw `fetch` POSTs of the same Slack payload to each channel's URL, as many in
//       flight as Vigil's dispatcher holds; run before and after (b), the ratio uses the faster;
//   (b) Vigil: 1,000 slack channels × one event — the fan-out written in one transaction (as the
//       deciding transaction writes it), then the worker's dispatcher (jobs/run-alerts.ts: leased
//       claims, secrets opened, payload built, SSRF-guarded send, settled) drains it.
// Prints deliveries/s, total time, CPU per delivery, the ratio (target ≥ 0.5×), duplicates (target
// 0) and the load average. ALERT_BENCH_CHANNELS sets the number of channels (default 1,000).
import { fork, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { startAlertDispatcher } from "../jobs/run-alerts";
import { createAlertSender } from "../lib/alerts/alert-sender";
import { channelRow } from "../lib/alerts/alert-config-store";
import { testEvent } from "../lib/alerts/alert-events";
import { emitAlerts } from "../lib/alerts/emit-alerts";
import { slackPayload } from "../lib/alerts/vendor-payloads";
import { disconnectDb, db } from "../lib/db";
import { startEmbeddedPostgres } from "../lib/postgres/embedded";
import { applyMigrations } from "../lib/postgres/migrate";
import { freePort } from "../test/postgres-server";
import { loadAverage } from "../test/vigil-processes";

const CHANNELS = Number(process.env.ALERT_BENCH_CHANNELS ?? 1000);
const CONCURRENCY = 50;
const cleanups: (() => Promise<unknown>)[] = [];
const seconds = (ms: number) => (ms / 1000).toFixed(2);

function ask(child: ChildProcess, request: "stats" | "reset"): Promise<{ received: number; unique: number }> {
  const answer = once(child, "message") as Promise<[{ received: number; unique: number }]>;
  child.send(request);
  return answer.then(([stats]) => stats);
}

async function main() {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "vigil-bench-alerts-"));
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  const server = await startEmbeddedPostgres({ dataDir, port: await freePort(), database: "vigil_bench" });
  cleanups.unshift(() => server.stop());
  await applyMigrations(server.url);
  const receiver = fork(path.join(import.meta.dirname, "alert-receiver-process.ts"), { execArgv: ["--import", "tsx", "--conditions=react-server"] });
  cleanups.unshift(async () => receiver.connected && receiver.disconnect());
  const base = ((await once(receiver, "message")) as [{ url: string }])[0].url;
  process.env.DATABASE_URL = server.url;
  process.env.PROBE_ALLOWLIST = "127.0.0.1";
  process.env.DATA_DIR = dataDir;
  process.env.LOG_LEVEL ??= "warn";
  console.log(`bench:alerts — ${CHANNELS.toLocaleString("en")} channels × 1 event, ${os.cpus().length} cores, Node ${process.version}; ${CONCURRENCY} deliveries in flight`);

  const event = testEvent("bench", new Date(), "http://127.0.0.1:3000");
  const body = JSON.stringify(slackPayload(event));
  const urls = Array.from({ length: CHANNELS }, (_, i) => `${base}/c/${i}`);

  const baseline = async () => {
    await ask(receiver, "reset");
    const cpu = process.cpuUsage();
    const start = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < urls.length) {
          const response = await fetch(urls[next++]!, { method: "POST", headers: { "content-type": "application/json" }, body });
          await response.arrayBuffer();
        }
      }),
    );
    const ms = performance.now() - start;
    const used = process.cpuUsage(cpu);
    return { ms, cpuMs: (used.user + used.system) / 1000, received: (await ask(receiver, "stats")).received };
  };

  // Warm-up, untimed: connections, JIT.
  await baseline();
  const before = await baseline();

  const key = Buffer.alloc(32, 7);
  const rows = urls.map((url, i) => channelRow({ name: `bench-${i}`, kind: "slack", enabled: true, settings: {}, secrets: { url }, secretRefs: {} }, key));
  for (let i = 0; i < rows.length; i += 500) await db().alertChannel.createMany({ data: rows.slice(i, i + 500) });
  await ask(receiver, "reset");
  const sender = await createAlertSender(10_000);
  cleanups.unshift(() => sender.agent.close());
  const cpu = process.cpuUsage();
  const start = performance.now();
  await db().$transaction((tx) => emitAlerts(tx, [{ ...event, key: "bench-event", kind: "monitor.down" }], { messageIdDomain: "bench" }));
  let done = 0;
  let finished: () => void = () => {};
  const allDone = new Promise<void>((resolve) => (finished = resolve));
  const dispatcher = startAlertDispatcher({
    workerId: "bench",
    sender,
    key,
    concurrency: CONCURRENCY,
    leaseMs: 60_000,
    retry: { baseDelayMs: 1000, maxDelayMs: 60_000, maxAttempts: 3 },
    ratePerMinute: 600,
    sweepMs: 1000,
    log: (message) => console.error(message),
    clock: () => new Date(),
    onSettled: ({ outcome }) => {
      if (outcome !== "deferred" && ++done === CHANNELS) finished();
    },
  });
  cleanups.unshift(() => dispatcher.stop());
  await allDone;
  const vigilMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const vigilCpuMs = (used.user + used.system) / 1000;
  const stats = await ask(receiver, "stats");
  const sent = await db().alertDelivery.count({ where: { status: "sent" } });
  const after = await baseline();

  const fastest = before.ms < after.ms ? before : after;
  const rate = (count: number, ms: number) => (count / ms) * 1000;
  console.log(`baseline (raw fetch): ${seconds(before.ms)} s and ${seconds(after.ms)} s — ${rate(CHANNELS, fastest.ms).toFixed(0)}/s, ${(fastest.cpuMs / CHANNELS).toFixed(3)} ms CPU per POST`);
  console.log(`Vigil: ${seconds(vigilMs)} s — ${rate(CHANNELS, vigilMs).toFixed(0)}/s, ${(vigilCpuMs / CHANNELS).toFixed(3)} ms CPU per delivery (this process: fan-out, claims, settles, sends)`);
  console.log(`delivered ${sent}/${CHANNELS} (receiver saw ${stats.received} requests on ${stats.unique} URLs; duplicates ${stats.received - stats.unique}, target 0)`);
  console.log(`ratio Vigil / faster baseline: ${(fastest.ms / vigilMs).toFixed(2)}× (target ≥ 0.5)`);
  console.log(`load average: ${loadAverage()}`);
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(async () => {
    await disconnectDb().catch(() => {});
    for (const cleanup of cleanups) await cleanup().catch(() => {});
  });
