// The worker's metrics server over real HTTP: its own check counts and durations, token enforced.
import { afterEach, describe, expect, it } from "vitest";
import { startMetricsServer, type MetricsServer } from "./metrics-server";
import { observeCheck, processRegistry } from "./process-metrics";

let server: MetricsServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("worker metrics server", () => {
  it("serves this process's check counter and duration histogram on /metrics", async () => {
    observeCheck({ kind: "http", state: "up", region: "eu", durationMs: 40 });
    observeCheck({ kind: "http", state: "down", region: "eu", durationMs: 3_000 });
    server = await startMetricsServer({ host: "127.0.0.1", port: 0, registry: processRegistry("worker") });
    const response = await fetch(`http://127.0.0.1:${server.port}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const text = await response.text();
    expect(text).toContain('vigil_probe_checks_total{kind="http",state="up",region="eu",role="worker"} 1');
    expect(text).toContain('vigil_probe_checks_total{kind="http",state="down",region="eu",role="worker"} 1');
    expect(text).toContain('vigil_probe_check_duration_seconds_bucket{le="0.05",role="worker",kind="http",region="eu"} 1');
    expect(text).toContain('vigil_probe_check_duration_seconds_bucket{le="5",role="worker",kind="http",region="eu"} 2');
    expect(text).toContain('vigil_probe_check_duration_seconds_sum{role="worker",kind="http",region="eu"} 3.04');
    expect(text).toContain("vigil_process_resident_memory_bytes");
    // Gauges never end in _total (Prometheus reserves it for counters): prom-client's three are renamed.
    const types = [...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map(([, name, type]) => ({ name, type }));
    expect(types.filter((t) => t.type === "gauge" && t.name!.endsWith("_total"))).toEqual([]);
    expect(types.filter((t) => t.type === "counter").every((t) => t.name!.endsWith("_total"))).toBe(true);
    expect(text).toMatch(/^vigil_nodejs_handles_active\{role="worker"\} [1-9]\d*$/m);
    expect(text).toContain("# TYPE vigil_nodejs_requests_active gauge");
    expect(text).toContain("# TYPE vigil_nodejs_resources_active gauge");
    expect((await fetch(`http://127.0.0.1:${server.port}/other`)).status).toBe(404);
  });

  it("requires the bearer token when one is configured", async () => {
    const token = "worker-metrics-token-123";
    server = await startMetricsServer({ host: "127.0.0.1", port: 0, registry: processRegistry("worker"), token });
    const url = `http://127.0.0.1:${server.port}/metrics`;
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: "Bearer wrong-token-wrong-token" } })).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  });
});
