// Vigil behind a real PgBouncer in transaction pooling mode (3 server connections shared by every
// client): a worker and a web instance get DATABASE_URL → PgBouncer and DATABASE_SESSION_URL →
// PostgreSQL directly (their LISTEN connections). Pass: monitors are checked, an outage opens
// exactly one automatic incident, the running web instance's page shows it (its change feed hears
// the NOTIFY: the live stream reports a change, no restart), the incident's email reaches a real SMTP
// server (the mailer woken by its LISTEN, its sweep made too slow to matter), and PgBouncer really
// multiplexed: more clients than server connections, never more than the pool.
import { describe, expect, it } from "vitest";
import { QUEUES } from "../../jobs/queues";
import { startPgBouncer, type PgBouncer } from "../pgbouncer";
import { freePort } from "../postgres-server";
import { connect, insertHttpMonitors, printFigures, startTargets, startWeb, startWorker, waitForOk } from "../vigil-processes";
import { count, drillRig, startMailCatcher } from "./drill-setup";

const POOL_SIZE = 3;
/** Shorter than the console allows (10 s), to keep the drill short: the scheduler takes any interval. */
const INTERVAL_SECONDS = 5;
const rig = drillRig();

type PoolSample = { clients: number; servers: number };

/** SHOW POOLS every 200 ms: the most clients and server connections seen for `database`. */
function samplePools(bouncer: PgBouncer, database: string) {
  const peak: PoolSample = { clients: 0, servers: 0 };
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const row = (await bouncer.show("POOLS").catch(() => [])).find((pool) => pool.database === database);
      if (row) {
        const n = (...keys: string[]) => keys.reduce((sum, key) => sum + Number(row[key] ?? 0), 0);
        peak.clients = Math.max(peak.clients, n("cl_active", "cl_waiting"));
        peak.servers = Math.max(peak.servers, n("sv_active", "sv_idle", "sv_used", "sv_tested", "sv_login"));
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  })();
  return {
    peak,
    async stop() {
      stopped = true;
      await loop;
    },
  };
}

/** Reads an SSE stream in the background; `events` holds each event's name and data. */
function readLiveStream(url: string) {
  const events: { event: string; data: string }[] = [];
  const abort = new AbortController();
  const done = (async () => {
    const response = await fetch(url, { signal: abort.signal });
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    for (;;) {
      const { value, done: ended } = await reader.read();
      if (ended) return;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const field = (name: string) => [...block.matchAll(/^(\w+): ?(.*)$/gm)].find((match) => match[1] === name)?.[2];
        const event = field("event");
        if (event) events.push({ event, data: field("data") ?? "" });
      }
    }
  })().catch(() => undefined);
  return {
    events,
    async close() {
      abort.abort();
      await done;
    },
  };
}

describe("PgBouncer in transaction mode", () => {
  it("web and worker work through it; their LISTEN connections take DATABASE_SESSION_URL", async () => {
    const directUrl = process.env.DATABASE_URL!;
    const database = new URL(directUrl).pathname.slice(1);
    const bouncer = await startPgBouncer(directUrl, { poolSize: POOL_SIZE });
    rig.cleanups.push(() => bouncer.stop());
    const client = (rig.client = await connect(directUrl));
    const targets = (rig.targets = await startTargets(1));
    const mail = (rig.mail = await startMailCatcher());
    const pools = samplePools(bouncer, database);
    rig.cleanups.push(() => pools.stop());

    await client.query(`INSERT INTO "Component" (id, name, "updatedAt") VALUES ('api', 'Public API', now())`);
    const ids = await insertHttpMonitors(client, { prefix: "pgb", count: 2, ports: targets.ports, intervalSeconds: INTERVAL_SECONDS, timeoutMs: 2000, componentOf: () => "api" });
    await client.query(`UPDATE "Monitor" SET "failureThreshold" = 2, "recoveryThreshold" = 1`);
    await client.query(
      `INSERT INTO "Subscriber" (id, email, status, "confirmedAt", "updatedAt") VALUES ('s1', 'one@example.fm', 'confirmed', now(), now()), ('s2', 'two@example.fm', 'confirmed', now(), now())`,
    );

    const webPort = await freePort();
    const pageUrl = `http://127.0.0.1:${webPort}`;
    const common = {
      DATABASE_SESSION_URL: directUrl,
      PUBLIC_URL: pageUrl,
      PROBE_CANARY_URLS: `http://127.0.0.1:${targets.ports[0]}/canary`,
      LOG_LEVEL: "warn",
    };
    const started = Date.now();
    const worker = startWorker("worker", bouncer.url, { ...common, SMTP_URL: mail.url, MAIL_SWEEP_MS: "600000", WORKER_HEARTBEAT_SECONDS: "1" });
    const web = startWeb("web", bouncer.url, webPort, common);
    rig.processes.push(worker, web);
    await waitForOk(`${pageUrl}/`, web, 60_000);
    const live = readLiveStream(`${pageUrl}/api/live`);
    rig.cleanups.push(() => live.close());

    // Monitors are checked and confirmed up through the pooler; the page says so.
    await expect
      .poll(() => count(client, `SELECT count(*)::int AS n FROM "Monitor" WHERE state = 'up'`), { timeout: 30_000, interval: 250 })
      .toBe(2)
      .catch((error: Error) => {
        // Once seen in CI on a quiet machine and not reproduced since: say what the worker said.
        throw new Error(`${error.message}\nworker output:\n${worker.output().slice(-4000)}`);
      });
    const checkedMs = Date.now() - started;
    await expect.poll(() => live.events.find((e) => e.event === "hello")?.data, { timeout: 5_000 }).toContain('"listening":true');
    const before = await (await fetch(`${pageUrl}/`)).text();
    expect(before).toContain("All Systems Operational");

    // The outage: both monitors of the component fail.
    for (const id of ids) targets.failing.add(`/m/${id}`);
    const outageAt = Date.now();
    await expect.poll(() => count(client, `SELECT count(*)::int AS n FROM "Incident"`), { timeout: 40_000, interval: 250 }).toBe(1);
    const incidentMs = Date.now() - outageAt;
    const incident = (await client.query<{ name: string; source: string }>(`SELECT name, source::text FROM "Incident"`)).rows[0]!;

    // The same web process (never restarted) shows it: its feed heard the NOTIFY on its session connection.
    await expect.poll(() => live.events.some((e) => e.event === "change" && e.data.includes('"reason":"notify"')), { timeout: 10_000 }).toBe(true);
    await expect.poll(async () => (await (await fetch(`${pageUrl}/`)).text()).includes(incident.name), { timeout: 10_000, interval: 250 }).toBe(true);
    const pageMs = Date.now() - outageAt;
    const after = await (await fetch(`${pageUrl}/`)).text();

    // The incident's email, delivered without a sweep: the outbox LISTEN woke the mailer.
    await expect.poll(() => mail.accepted(), { timeout: 20_000, interval: 100 }).toBe(2);
    const mailMs = Date.now() - outageAt;
    await expect.poll(() => count(client, `SELECT count(*)::int AS n FROM "OutboxMessage" WHERE status = 'sent'`), { timeout: 10_000, interval: 100 }).toBe(2);
    const outbox = (await client.query<{ status: string; n: number }>(`SELECT status::text, count(*)::int AS n FROM "OutboxMessage" GROUP BY 1`)).rows;
    const checkResults = await count(client, `SELECT count(*)::int AS n FROM "CheckResult"`);
    const incidents = await count(client, `SELECT count(*)::int AS n FROM "Incident"`);
    const heartbeats = await count(client, `SELECT count(*)::int AS n FROM "WorkerHeartbeat"`);
    // pg-boss through the pooler: probe jobs inserted, fetched and completed; the cron schedules stored.
    const completedJobs = await count(client, `SELECT count(*)::int AS n FROM pgboss.job WHERE name LIKE 'probe%' AND state = 'completed'`);
    const schedules = await count(client, `SELECT count(*)::int AS n FROM pgboss.schedule`);
    // The LISTEN connections (application_name vigil-listen, one per process) are on the server
    // directly: none of them is one of the pooler's server connections, which never stay with one client.
    const pooledPorts = new Set((await bouncer.show("SERVERS")).map((row) => Number(row.local_port)));
    const listenerRows = (
      await client.query<{ name: string; port: number }>(`SELECT application_name AS name, client_port AS port FROM pg_stat_activity WHERE datname = $1 AND application_name LIKE 'vigil-%' ORDER BY 1`, [database])
    ).rows;
    const listeners = listenerRows.map((row) => row.name);
    const stats = (await bouncer.show("STATS")).find((row) => row.database === database)!;
    await pools.stop();
    await Promise.all([worker.stop(), web.stop()]);

    printFigures(`${(await bouncer.show("VERSION"))[0]?.version ?? "PgBouncer"} in transaction mode, default_pool_size ${POOL_SIZE}: 1 worker + 1 web, 2 monitors at ${INTERVAL_SECONDS} s`, {
      "monitors checked and up after start (s)": (checkedMs / 1000).toFixed(1),
      "outage → automatic incident (s)": (incidentMs / 1000).toFixed(1),
      "outage → page shows it, live (s)": (pageMs / 1000).toFixed(1),
      "outage → mails accepted (s)": (mailMs / 1000).toFixed(1),
      "check results / probe jobs completed": `${checkResults} / ${completedJobs}`,
      "incidents opened": incidents,
      "outbox by status": outbox.map((row) => `${row.status} ${row.n}`).join(", "),
      "pooler: transactions / queries": `${stats.total_xact_count} / ${stats.total_query_count}`,
      "pooler: peak clients / peak server connections": `${pools.peak.clients} / ${pools.peak.servers}`,
      "LISTEN connections on the server directly": listeners.join(", "),
    });

    expect(checkResults).toBeGreaterThanOrEqual(4);
    expect(completedJobs).toBeGreaterThanOrEqual(4);
    expect(schedules).toBe(Object.values(QUEUES).filter((queue) => "cron" in queue).length);
    expect(heartbeats).toBe(1);
    expect(incidents).toBe(1);
    expect(incident.source).toBe("automatic");
    expect(after).not.toContain("All Systems Operational");
    expect(outbox).toEqual([{ status: "sent", n: 2 }]);
    expect(mail.accepted()).toBe(2);
    // The worker's and the web process's: every listening part of a process shares its one.
    expect(listeners).toEqual(["vigil-listen", "vigil-listen"]);
    expect(listenerRows.filter((row) => pooledPorts.has(row.port))).toEqual([]);
    // Really pooled: more clients at once than server connections, and never more servers than the pool.
    expect(pools.peak.servers).toBeLessThanOrEqual(POOL_SIZE);
    expect(pools.peak.clients).toBeGreaterThan(POOL_SIZE);
    expect(Number(stats.total_xact_count)).toBeGreaterThan(100);
    expect(worker.output()).not.toMatch(/"level":"(error|fatal)"/);
    expect(web.output()).not.toMatch(/"level":"(error|fatal)"/);
    expect(bouncer.output()).not.toMatch(/ERROR|FATAL/);
  }, 120_000);

  it("worker and web refuse a malformed DATABASE_SESSION_URL at start with one clear line", async () => {
    const bad = { DATABASE_SESSION_URL: "postgresql//vigil:hunter2@127.0.0.1:5432/vigil" };
    const worker = startWorker("bad-worker", process.env.DATABASE_URL!, bad);
    const web = startWeb("bad-web", process.env.DATABASE_URL!, await freePort(), bad);
    rig.processes.push(worker, web);
    for (const process_ of [worker, web]) {
      expect(await process_.exited, process_.output()).toBe(1);
      expect(process_.output()).toContain("failed to start: invalid environment variable DATABASE_SESSION_URL: must be a postgres:// or postgresql:// URL");
      expect(process_.output()).not.toContain("hunter2");
    }
  }, 60_000);
});
