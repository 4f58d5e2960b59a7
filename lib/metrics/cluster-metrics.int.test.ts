// /metrics against a real PostgreSQL: every cluster figure is read from the database at scrape
// time, printed in Prometheus text format, and access follows METRICS_TOKEN / loopback rules.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { readClusterMetrics } from "./cluster-metrics";
import { answerMetricsRequest } from "./metrics-endpoint";
import { renderClusterMetrics } from "./render-cluster-metrics";

const NOW = new Date("2026-11-29T12:00:00Z");
const ago = (seconds: number) => new Date(NOW.getTime() - seconds * 1000);

beforeAll(async () => {
  const client = db();
  await client.monitor.createMany({
    data: [
      // The newest certificate each monitor saw, as the results path keeps it on the row.
      { id: "m-web", name: "Web", kind: "http", target: "https://www.example.com/", state: "up", certExpiresAt: new Date(NOW.getTime() + 20 * 86_400_000), certSeenAt: ago(30) },
      { id: "m-api", name: "API", kind: "http", target: "http://api.example.com/", state: "down" },
      // Expired half a day ago.
      { id: "m-tls", name: "Mail TLS", kind: "tls", target: "mail.example.com:465", state: "up", regions: ["eu", "us"], certExpiresAt: new Date(NOW.getTime() - 86_400_000 / 2), certSeenAt: ago(10) },
      // Last seen two days ago (its checks have stopped answering since): no figure.
      { id: "m-old", name: "Old TLS", kind: "tls", target: "old.example.com:443", state: "unknown", certExpiresAt: new Date(NOW.getTime() + 86_400_000), certSeenAt: ago(2 * 86_400) },
      { id: "m-off", name: "Paused", kind: "tcp", target: "db.example.com:5432", state: "down", enabled: false },
    ],
  });
  const result = (monitorId: string, region: string, secondsAgo: number, state: "up" | "down") => ({
    monitorId,
    region,
    slotAt: ago(secondsAgo),
    checkedAt: ago(secondsAgo),
    state,
    reasonCodes: [state === "up" ? "ok" : "http_status"],
  });
  await client.checkResult.createMany({
    data: [
      result("m-web", "local", 30, "up"),
      result("m-web", "local", 90, "up"),
      result("m-api", "local", 40, "down"),
      result("m-api", "local", 100, "down"),
      result("m-tls", "eu", 10, "up"),
      result("m-tls", "us", 20, "up"),
      result("m-api", "local", 400, "up"), // outside the 5-minute window
    ],
  });
  const incident = await client.incident.create({ data: { name: "API down", status: "investigating", impact: "major" } });
  await client.incident.create({ data: { name: "Old", status: "resolved", impact: "minor" } });
  await client.incident.create({ data: { name: "Window", kind: "maintenance", status: "in_progress", impact: "maintenance" } });
  const update = await client.incidentUpdate.create({ data: { incidentId: incident.id, status: "investigating", body: "Looking" } });
  await client.outboxMessage.createMany({
    data: ["pending", "pending", "failed", "sent"].map((status, i) => ({
      key: `k-${i}`,
      kind: "incident_update" as const,
      recipient: `s${i}@example.com`,
      messageId: `<m${i}@example.com>`,
      status: status as "pending" | "failed" | "sent",
      incidentUpdateId: update.id,
    })),
  });
  const beat = (workerId: string, region: string, secondsAgo: number) => ({
    workerId,
    region,
    version: "test",
    hostname: "h",
    pid: 1,
    startedAt: ago(3600),
    lastSeenAt: ago(secondsAgo),
  });
  await client.workerHeartbeat.createMany({ data: [beat("w-eu-1", "eu", 2), beat("w-us-1", "us", 120)] });
});

describe("cluster metrics", () => {
  it("reads every figure from the database and prints them in Prometheus text format", async () => {
    const text = await renderClusterMetrics(await readClusterMetrics(NOW, 5));
    const lines = text.split("\n");
    const has = (line: string) => expect(lines).toContain(line);

    has('vigil_check_results_recent{kind="http",state="up",region="local"} 2');
    has('vigil_check_results_recent{kind="http",state="down",region="local"} 2');
    has('vigil_check_results_recent{kind="tls",state="up",region="eu"} 1');
    has('vigil_check_results_recent{kind="tls",state="up",region="us"} 1');
    has('vigil_monitors{state="up"} 2');
    has('vigil_monitors{state="down"} 1'); // the paused monitor is not counted
    has('vigil_monitors{state="unknown"} 1');
    has('vigil_open_incidents{impact="major"} 1');
    has('vigil_open_incidents{impact="minor"} 0'); // resolved; maintenance is not an incident
    has('vigil_outbox_messages{status="pending"} 2');
    has('vigil_outbox_messages{status="failed"} 1');
    has('vigil_worker_heartbeat_age_seconds{worker="w-eu-1",region="eu"} 2');
    // A worker three beats late is gone from the per-worker figures; its region shows as stale.
    expect(text).not.toContain('worker="w-us-1"');
    has('vigil_region_stale{region="eu"} 0');
    has('vigil_region_stale{region="us"} 1');
    has('vigil_certificate_days_left{monitor_id="m-web",monitor="Web"} 20');
    has('vigil_certificate_days_left{monitor_id="m-tls",monitor="Mail TLS"} -0.5');
    expect(text).not.toContain('monitor_id="m-api"'); // plain http: no certificate
    expect(text).not.toContain('monitor_id="m-old"');
    expect(text).toContain("# TYPE vigil_queue_jobs gauge");
  });

  it("counts pg-boss jobs per queue once the queue schema exists", async () => {
    const client = db();
    await client.$executeRawUnsafe(`CREATE SCHEMA IF NOT EXISTS pgboss`);
    await client.$executeRawUnsafe(`CREATE TABLE IF NOT EXISTS pgboss.job (name text, state text)`);
    await client.$executeRawUnsafe(
      `INSERT INTO pgboss.job VALUES ('probe-eu','created'),('probe-eu','created'),('probe-eu','active'),('probe-eu','completed')`,
    );
    const metrics = await readClusterMetrics(NOW, 5);
    expect(metrics.queueDepth).toEqual([
      { queue: "probe-eu", state: "active", count: 1 },
      { queue: "probe-eu", state: "created", count: 2 },
    ]);
    await client.$executeRawUnsafe(`DROP SCHEMA pgboss CASCADE`);
    expect((await readClusterMetrics(NOW, 5)).queueDepth).toEqual([]);
  });

  it("without METRICS_TOKEN serves direct loopback requests only (token rules: metrics-access.test.ts)", async () => {
    const headers = (entries: Record<string, string>) => new Headers(entries);
    const direct = { "x-vigil-forwarded": "0" };
    const ok = await answerMetricsRequest(headers({ ...direct, "x-vigil-peer-address": "127.0.0.1" }), NOW);
    expect(ok.status).toBe(200);
    expect(ok.contentType).toContain("text/plain");
    expect(ok.body).toContain('vigil_monitors{state="up"} 2');
    expect(ok.body).toContain("vigil_process_resident_memory_bytes"); // this process's own figures follow
    expect((await answerMetricsRequest(headers({ ...direct, "x-vigil-peer-address": "192.0.2.7" }), NOW)).status).toBe(403);
    expect((await answerMetricsRequest(headers({ "x-vigil-forwarded": "1", "x-vigil-peer-address": "127.0.0.1" }), NOW)).status).toBe(403);
    // Not through scripts/web.ts (no flags at all): refused.
    expect((await answerMetricsRequest(headers({ "x-vigil-peer-address": "127.0.0.1" }), NOW)).status).toBe(403);
    expect((await answerMetricsRequest(headers({}), NOW)).status).toBe(403);
  });

  it("names every metric of the /metrics exposition as promtool wants: counters end in _total, gauges and histograms do not, each family once", async () => {
    const { body } = await answerMetricsRequest(new Headers({ "x-vigil-forwarded": "0", "x-vigil-peer-address": "127.0.0.1" }), NOW);
    const families = [...body.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map(([, name, type]) => ({ name: name!, type: type! }));
    expect(families.length).toBeGreaterThan(20);
    expect(families.map((f) => f.type).sort()).toEqual(expect.arrayContaining(["counter", "gauge", "histogram"]));
    expect(families.filter((f) => f.type === "counter" && !f.name.endsWith("_total"))).toEqual([]);
    expect(families.filter((f) => f.type !== "counter" && f.name.endsWith("_total"))).toEqual([]);
    expect(new Set(families.map((f) => f.name)).size).toBe(families.length);
    // Every sample belongs to a declared family (a histogram's as _bucket, _sum or _count).
    const declared = new Set(families.map((f) => f.name));
    const samples = body.split("\n").filter((line) => line && !line.startsWith("#")).map((line) => /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(line)![0]);
    expect(samples.filter((name) => !declared.has(name) && !declared.has(name.replace(/_(bucket|sum|count)$/, "")))).toEqual([]);
  });
});
