// Probe throughput: Vigil's runCheck (https GET with full certificate inspection) against a bare
// tls.connect + one HTTP GET per probe, fresh connection each, same target and concurrency, in one
// run. The fixture server runs in its own process so only the client's CPU is measured; the two
// clients take turns over a few rounds so drift in the machine's speed affects both alike.
// npm run bench:probe [-- --probes 5000 --concurrency 100]
import os from "node:os";
import tls from "node:tls";
import { parseArgs } from "node:util";
import { runCheck } from "@/lib/checks/run-check";
import { NOTHING_OWN } from "@/test/fixtures/probe-policy";
import { loadAverage } from "@/test/vigil-processes";
import { startFixture, type Fixture } from "./fixture-zoo";

const { values } = parseArgs({
  options: { probes: { type: "string", default: "5000" }, concurrency: { type: "string", default: "100" } },
});
const PROBES = Number(values.probes);
const CONCURRENCY = Number(values.concurrency);
const WARMUP_PROBES = 1000;
const ROUNDS = 4;
const PHASE_TIME_LIMIT_MS = 120_000;

type Figures = {
  name: string;
  failures: number;
  seconds: number;
  latencies: number[];
  cpuMs: number;
  serverCpuMs: number;
  peakRssMb: number;
};

const emptyFigures = (name: string): Figures => ({ name, failures: 0, seconds: 0, latencies: [], cpuMs: 0, serverCpuMs: 0, peakRssMb: 0 });

/** One probe the bare way: TLS with verification, one GET, read to the end. */
function bareProbe(port: number, secureContext: tls.SecureContext): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = tls.connect({ host: "127.0.0.1", port, servername: "valid.localhost", secureContext }, () => {
      socket.write("GET /ok HTTP/1.1\r\nHost: valid.localhost\r\nConnection: close\r\n\r\n");
    });
    let head = "";
    socket.on("data", (chunk: Buffer) => {
      if (head.length < 12) head += chunk.toString("latin1");
    });
    socket.on("end", () => resolve(head.startsWith("HTTP/1.1 200")));
    socket.on("error", () => resolve(false));
  });
}

/** Runs `count` probes at CONCURRENCY and adds what it saw to `figures`. */
async function measure(fixture: Fixture, figures: Figures, probe: () => Promise<boolean>, count: number): Promise<void> {
  const serverCpuBefore = await fixture.serverCpuMs();
  let next = 0;
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
  const limit = Date.now() + PHASE_TIME_LIMIT_MS;
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  const worker = async () => {
    while (next < count && Date.now() < limit) {
      next++;
      const began = performance.now();
      if (!(await probe())) figures.failures++;
      figures.latencies.push(performance.now() - began);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  figures.seconds += (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  clearInterval(sampler);
  figures.cpuMs += (cpu.user + cpu.system) / 1000;
  figures.serverCpuMs += (await fixture.serverCpuMs()) - serverCpuBefore;
  figures.peakRssMb = Math.max(figures.peakRssMb, peakRss / (1024 * 1024), process.memoryUsage().rss / (1024 * 1024));
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

function row(figures: Figures) {
  const probes = figures.latencies.length;
  figures.latencies.sort((a, b) => a - b);
  return {
    client: figures.name,
    probes,
    failed: figures.failures,
    "probes/s": Math.round(probes / figures.seconds),
    "p50 ms": percentile(figures.latencies, 50).toFixed(1),
    "p99 ms": percentile(figures.latencies, 99).toFixed(1),
    "CPU ms/probe": (figures.cpuMs / probes).toFixed(3),
    "server CPU ms/probe": (figures.serverCpuMs / probes).toFixed(3),
    "peak RSS MB": figures.peakRssMb.toFixed(0),
  };
}

const fixture = await startFixture();
try {
  const secureContext = tls.createSecureContext({ ca: [...tls.rootCertificates, fixture.rootCaPem] });
  const bare = () => bareProbe(fixture.httpsPort, secureContext);
  const monitor = { kind: "http", target: `https://valid.localhost:${fixture.httpsPort}/ok`, timeoutMs: 30_000 };
  const options = { ...NOTHING_OWN, allowPrivateNetworks: true, allowlist: [], extraCaCerts: [fixture.rootCaPem] };
  const vigil = async () => (await runCheck(monitor, { ...options, now: new Date() })).state === "up";

  const loadAtStart = loadAverage();
  await measure(fixture, emptyFigures("warm-up"), bare, WARMUP_PROBES);
  await measure(fixture, emptyFigures("warm-up"), vigil, WARMUP_PROBES);
  const baseline = emptyFigures("bare tls.connect + GET");
  const probed = emptyFigures("Vigil runCheck (http + TLS facts)");
  for (let round = 0; round < ROUNDS; round++) {
    await measure(fixture, baseline, bare, PROBES / ROUNDS);
    await measure(fixture, probed, vigil, PROBES / ROUNDS);
  }

  console.log(`\n${PROBES} probes per client in ${ROUNDS} alternating rounds, concurrency ${CONCURRENCY}, https://valid.localhost`);
  console.log("(fixture server in its own process; CPU and RSS are the client process's, server CPU the fixture's)");
  console.log(`load average ${loadAtStart} at the start, ${loadAverage()} at the end, ${os.cpus().length} cores\n`);
  console.table([row(baseline), row(probed)]);
  const rate = (figures: Figures) => figures.latencies.length / figures.seconds;
  const cpuPerProbe = (figures: Figures) => figures.cpuMs / figures.latencies.length;
  const ratio = rate(probed) / rate(baseline);
  const cpuRatio = cpuPerProbe(probed) / cpuPerProbe(baseline);
  console.log(`throughput ratio (Vigil / bare): ${ratio.toFixed(2)}   target ≥ 0.90 (issue #18)   ${ratio >= 0.9 ? "ok" : "BELOW TARGET"}`);
  console.log(`CPU per probe ratio (Vigil / bare): ${cpuRatio.toFixed(2)}`);
  if (baseline.failures + probed.failures > 0) process.exitCode = 1;
} finally {
  fixture.stop();
}
