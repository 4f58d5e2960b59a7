// Fault drill 4: two real web instances (`npm run web`) against one database, both under load on
// the public page; one is killed with SIGKILL. Pass: the survivor never answers 5xx and never
// drops a request, before or after the kill. Also checks what only a real web server shows:
// request ids echoed, JSON request logs, /metrics on a separate METRICS_PORT or to loopback only.
import { afterAll, describe, expect, it } from "vitest";
import { seedDemoPageIfEmpty } from "../../lib/seed/demo-page";
import { freePort } from "../postgres-server";
import { percentile, printFigures, startWeb, waitForOk, type VigilProcess } from "../vigil-processes";

const CLIENTS_PER_INSTANCE = 6;
const BEFORE_KILL_MS = 6_000;
const AFTER_KILL_MS = 8_000;

/** `at`: when the request was sent. */
type Outcome = { instance: string; at: number; status: number | "error"; ms: number };

const webs: VigilProcess[] = [];

afterAll(async () => {
  await Promise.all(webs.map((web) => web.stop(5_000)));
});

async function load(instance: string, url: string, until: () => boolean, outcomes: Outcome[]): Promise<void> {
  while (!until()) {
    const started = performance.now();
    const at = Date.now();
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
      await response.arrayBuffer();
      outcomes.push({ instance, at, status: response.status, ms: performance.now() - started });
    } catch {
      outcomes.push({ instance, at, status: "error", ms: performance.now() - started });
      await new Promise((resolve) => setTimeout(resolve, 50)); // a dead instance refuses at once
    }
  }
}

describe("drill 4: a web instance killed under load", () => {
  it("the surviving instance keeps serving the public page without a single 5xx", async () => {
    const databaseUrl = process.env.DATABASE_URL!;
    await seedDemoPageIfEmpty("http://127.0.0.1:3000");
    const ports = [await freePort(), await freePort()];
    // web-a serves /metrics on a separate METRICS_PORT; web-b on its public port, to loopback only.
    const metricsPort = await freePort();
    webs.push(startWeb("web-a", databaseUrl, ports[0]!, { LOG_LEVEL: "info", METRICS_PORT: String(metricsPort) }));
    webs.push(startWeb("web-b", databaseUrl, ports[1]!, { LOG_LEVEL: "info" }));
    await Promise.all(webs.map((web, i) => waitForOk(`http://127.0.0.1:${ports[i]}/`, web, 120_000)));
    const onPublicPort = await fetch(`http://127.0.0.1:${ports[0]}/metrics`);
    const onMetricsPort = await fetch(`http://127.0.0.1:${metricsPort}/metrics`, { headers: { "x-forwarded-for": "203.0.113.7" } });
    const pageOnMetricsPort = await fetch(`http://127.0.0.1:${metricsPort}/`);
    expect(onPublicPort.status).toBe(404);
    expect(onMetricsPort.status).toBe(200); // on its own port the network is the guard
    expect(await onMetricsPort.text()).toContain('vigil_open_incidents{impact="major"} 0');
    expect(pageOnMetricsPort.status).toBe(404);

    const outcomes: Outcome[] = [];
    let stopAt = Number.POSITIVE_INFINITY;
    const until = () => Date.now() >= stopAt;
    const clients = webs.flatMap((web, i) =>
      Array.from({ length: CLIENTS_PER_INSTANCE }, () => load(web.name, `http://127.0.0.1:${ports[i]}/`, until, outcomes)),
    );
    await new Promise((resolve) => setTimeout(resolve, BEFORE_KILL_MS));
    await webs[0]!.kill9();
    const killedAt = Date.now(); // the process is gone: every request sent from now on must be refused
    stopAt = Date.now() + AFTER_KILL_MS;
    await Promise.all(clients);

    const survivor = outcomes.filter((outcome) => outcome.instance === "web-b");
    const survivorAfterKill = survivor.filter((outcome) => outcome.at > killedAt);
    const survivor5xx = survivor.filter((outcome) => outcome.status !== "error" && outcome.status >= 500).length;
    const survivorErrors = survivor.filter((outcome) => outcome.status === "error").length;
    const victimAfterKill = outcomes.filter((outcome) => outcome.instance === "web-a" && outcome.at > killedAt);
    const latencies = survivor.filter((outcome) => outcome.status === 200).map((outcome) => outcome.ms);

    // Request ids and logs, /metrics access: through the survivor, as an operator would see them.
    const tagged = await fetch(`http://127.0.0.1:${ports[1]}/?token=secret-in-query`, { headers: { "x-request-id": "drill-4-request" } });
    const metrics = await fetch(`http://127.0.0.1:${ports[1]}/metrics`);
    const metricsText = await metrics.text();
    const proxied = await fetch(`http://127.0.0.1:${ports[1]}/metrics`, { headers: { "x-forwarded-for": "203.0.113.7" } });
    const spoofed = await fetch(`http://127.0.0.1:${ports[1]}/metrics`, { headers: { "x-vigil-peer-address": "127.0.0.1", "x-vigil-metrics-port": "1", "x-vigil-forwarded": "0", "x-forwarded-for": "203.0.113.7" } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const logLine = webs[1]!.output().split("\n").find((line) => line.includes('"requestId":"drill-4-request"'));

    printFigures("drill 4 — two web instances under load, one killed (kill -9)", {
      "clients per instance": CLIENTS_PER_INSTANCE,
      "survivor requests (total / after kill)": `${survivor.length} / ${survivorAfterKill.length}`,
      "survivor 5xx": survivor5xx,
      "survivor connection errors": survivorErrors,
      "survivor latency p50 / p99 (ms)": `${percentile(latencies, 0.5).toFixed(1)} / ${percentile(latencies, 0.99).toFixed(1)}`,
      "killed instance: requests refused after kill": victimAfterKill.filter((outcome) => outcome.status === "error").length,
    });

    expect(webs[0]!.child.signalCode).toBe("SIGKILL");
    expect(survivorAfterKill.length).toBeGreaterThan(CLIENTS_PER_INSTANCE);
    expect(survivor5xx).toBe(0);
    expect(survivorErrors).toBe(0);
    expect(survivor.every((outcome) => outcome.status === 200)).toBe(true);
    expect(victimAfterKill.every((outcome) => outcome.status === "error")).toBe(true);

    expect(tagged.headers.get("x-request-id")).toBe("drill-4-request");
    expect(JSON.parse(logLine!)).toMatchObject({ level: "info", role: "web", requestId: "drill-4-request", method: "GET", path: "/", status: 200 })
    expect(logLine).not.toContain("secret-in-query");
    expect(metrics.status).toBe(200);
    expect(metricsText).toContain('vigil_monitors{state="unknown"} 2'); // the demo page's two monitors, never checked here
    expect(metricsText).toContain('vigil_process_resident_memory_bytes{role="web"}');
    expect(proxied.status).toBe(403);
    expect(spoofed.status).toBe(403); // the peer and port headers are the server's to set, not the client's
  }, 300_000);
});
