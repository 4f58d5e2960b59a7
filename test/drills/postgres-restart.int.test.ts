// Fault drill 2: PostgreSQL restarted (stopped, then started again on the same data folder and port)
// while a real worker probes 40 monitors and mails an automatic incident to 300 subscribers through a
// real SMTP server. The drill runs its own embedded PostgreSQL, since the shared test server cannot
// be restarted under the other test files. Pass: the worker recovers by itself within 60 s (checks
// recorded, heartbeat written, outbox drained); every (update, subscriber) delivered, duplicates at
// most the messages in flight; one incident for the outage; check results for slots during the
// outage recorded late or missing, never invented (each recorded one matches a real request).
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { startEmbeddedPostgres, type EmbeddedPostgresServer } from "../../lib/postgres/embedded";
import { applyMigrations } from "../../lib/postgres/migrate";
import { freePort } from "../postgres-server";
import { connect, expectedSlots, insertHttpMonitors, printFigures, startTargets, startWorker } from "../vigil-processes";
import { count, deliveryFigures, drillRig, sleep, startMailCatcher } from "./drill-setup";

const MONITORS = 40;
const FAILING = 10;
const INTERVAL_SECONDS = 10; // the shortest the planner allows (MIN_INTERVAL_SECONDS)
const SUBSCRIBERS = 300;
const DOWN_MS = 10_000;
const RECOVERY_LIMIT_MS = 60_000;
const BATCH = 20;
const PIPELINES = 3;
const rig = drillRig();

describe("drill 2: PostgreSQL restarted during probing and a mail fan-out", () => {
  it("recovers within 60 s by itself; the outbox drains; one incident; no invented check results", async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "vigil-drill2-"));
    const port = await freePort();
    let server: EmbeddedPostgresServer | undefined = await startEmbeddedPostgres({ dataDir, port, database: "vigil" });
    rig.cleanups.push(async () => {
      await server?.stop();
      await rm(dataDir, { recursive: true, force: true });
    });
    const databaseUrl = server.url;
    await applyMigrations(databaseUrl);
    let client = await connect(databaseUrl);

    const targets = (rig.targets = await startTargets(2, { recordHits: true }));
    const mail = (rig.mail = await startMailCatcher());
    await client.query(`INSERT INTO "Component" (id, name, "updatedAt") VALUES ('api', 'API', now()), ('web', 'Web', now())`);
    const ids = await insertHttpMonitors(client, { prefix: "d2", count: MONITORS, ports: targets.ports, intervalSeconds: INTERVAL_SECONDS, timeoutMs: 2000, componentOf: (i) => (i < FAILING ? "api" : "web") });
    for (const id of ids.slice(0, FAILING)) targets.failing.add(`/m/${id}`);
    await client.query(
      `INSERT INTO "Subscriber" (id, email, status, "confirmedAt", "updatedAt")
       SELECT 'd2-sub-' || n, 'd2-' || n || '@example.fm', 'confirmed', now(), now() FROM generate_series(1, $1) AS n`,
      [SUBSCRIBERS],
    );

    const worker = startWorker("worker", databaseUrl, {
      SMTP_URL: mail.url,
      // 300 messages at 40/s take ~7 s: the restart lands in the middle of the fan-out.
      MAIL_RATE_PER_SECOND: "40",
      MAIL_BATCH_SIZE: String(BATCH),
      // Longer than the outage: marks that failed while it was down are written after it, before
      // anyone may claim those rows again (a lease as short as the outage would resend them).
      MAIL_LEASE_SECONDS: "20",
      MAIL_SWEEP_MS: "200",
      MAIL_RETRY_BASE_MS: "250",
      WORKER_HEARTBEAT_SECONDS: "1",
      PROBE_CANARY_URLS: `http://127.0.0.1:${targets.ports[0]}/health`,
      LOG_LEVEL: "warn",
    });
    rig.processes.push(worker);

    // The failing component's outage is confirmed and its incident's fan-out is under way.
    await expect.poll(() => mail.accepted(), { timeout: 60_000, interval: 100 }).toBeGreaterThanOrEqual(60);
    const downAt = new Date();
    await client.end().catch(() => {});
    await server.stop();
    server = undefined;
    const stoppedAt = new Date();
    const acceptedAtStop = mail.accepted();
    await sleep(DOWN_MS - (Date.now() - downAt.getTime()));
    server = await startEmbeddedPostgres({ dataDir, port, database: "vigil" });
    const upAt = new Date();
    client = rig.client = await connect(databaseUrl);

    // Recovered = a check recorded after the restart, a heartbeat written after it, the outbox drained.
    const since = (sql: string) => async () => Number((await client.query(sql, [upAt])).rows[0].n);
    const recovery = { check: 0, heartbeat: 0, outbox: 0 };
    await expect
      .poll(
        async () => {
          const elapsed = Date.now() - upAt.getTime();
          if (!recovery.check && (await since(`SELECT count(*)::int AS n FROM "CheckResult" WHERE "checkedAt" > $1`)())) recovery.check = elapsed;
          if (!recovery.heartbeat && (await since(`SELECT count(*)::int AS n FROM "WorkerHeartbeat" WHERE "lastSeenAt" > $1`)())) recovery.heartbeat = elapsed;
          if (!recovery.outbox && (await count(client, `SELECT count(*)::int AS n FROM "OutboxMessage" WHERE status <> 'sent'`)) === 0) recovery.outbox = elapsed;
          return Boolean(recovery.check && recovery.heartbeat && recovery.outbox);
        },
        { timeout: RECOVERY_LIMIT_MS, interval: 250 },
      )
      .toBe(true);
    // One more interval of probing after recovery, so late results of the outage's slots are in.
    await sleep(INTERVAL_SECONDS * 1000);
    const endedAt = new Date();
    await worker.stop();

    const delivery = await deliveryFigures(client, mail);
    const incidents = (
      await client.query<{ componentId: string; incidents: number }>(
        `SELECT ic."componentId", count(DISTINCT i.id)::int AS incidents FROM "Incident" i JOIN "IncidentComponent" ic ON ic."incidentId" = i.id
         WHERE i.source = 'automatic' GROUP BY 1 ORDER BY 1`,
      )
    ).rows;
    const notifyingUpdates = await count(client, `SELECT count(DISTINCT "incidentUpdateId")::int AS n FROM "OutboxMessage"`);

    // Check results for slots while PostgreSQL was down: each recorded one must be a check that
    // really ran — a request to its target within the slot's check window — with the state the
    // target gave; the rest are missing (counted), never filled in.
    // Slots from the stop's start: the server may still have accepted writes while shutting down.
    const { rows: outageResults } = await client.query<{ monitorId: string; slotAt: Date; checkedAt: Date; state: string }>(
      `SELECT "monitorId", "slotAt", "checkedAt", state::text FROM "CheckResult" WHERE "slotAt" >= $1 AND "slotAt" < $2`,
      [downAt, upAt],
    );
    const invented = outageResults.filter((result) => {
      const hits = targets.hits.get(`/m/${result.monitorId}`) ?? [];
      const ran = hits.some((at) => at >= result.slotAt.getTime() - 1_000 && at <= result.checkedAt.getTime() + 1_000);
      const expectedState = targets.failing.has(`/m/${result.monitorId}`) ? "down" : "up";
      return !ran || result.state !== expectedState;
    });
    const outageSlots = expectedSlots(ids, INTERVAL_SECONDS, downAt, upAt);
    // Checked while the server was gone, so stored only after it came back.
    const recordedLate = outageResults.filter((result) => result.checkedAt >= stoppedAt).length;
    const duplicateRows = await count(client, `SELECT count(*)::int AS n FROM (SELECT 1 FROM "CheckResult" GROUP BY "monitorId", region, "slotAt" HAVING count(*) > 1) d`);
    // After recovery every slot is recorded again (from one interval after the restart on).
    const steadyFrom = new Date(upAt.getTime() + Math.max(recovery.check, INTERVAL_SECONDS * 1000));
    const steadyTo = new Date(endedAt.getTime() - 3_000);
    const steadyRecorded = await count(client, `SELECT count(*)::int AS n FROM "CheckResult" WHERE "slotAt" >= '${steadyFrom.toISOString()}' AND "slotAt" < '${steadyTo.toISOString()}'`);
    const steadyMissing = expectedSlots(ids, INTERVAL_SECONDS, steadyFrom, steadyTo) - steadyRecorded;
    const errors = worker.output().split("\n").filter((line) => /"level":(50|60)|"level":"(error|fatal)"/.test(line)).length;

    printFigures(`drill 2 — PostgreSQL down ${((upAt.getTime() - stoppedAt.getTime()) / 1000).toFixed(1)} s (+${((stoppedAt.getTime() - downAt.getTime()) / 1000).toFixed(1)} s stopping; stopped, restarted on the same data folder and port), ${MONITORS} monitors at ${INTERVAL_SECONDS} s, ${SUBSCRIBERS} subscribers`, {
      "mails accepted before the stop": `${acceptedAtStop} of ${delivery.messages}`,
      "time to recover after restart: check recorded / heartbeat / outbox drained (s)": `${(recovery.check / 1000).toFixed(1)} / ${(recovery.heartbeat / 1000).toFixed(1)} / ${(recovery.outbox / 1000).toFixed(1)}`,
      "recovery limit (s)": RECOVERY_LIMIT_MS / 1000,
      "messages lost": delivery.lost,
      duplicates: `${delivery.duplicates} (bound ${BATCH * PIPELINES}: the batches in flight)`,
      "attempts per message (attempts×messages)": delivery.attemptsHistogram,
      "automatic incidents per component": incidents.map((row) => `${row.componentId} ${row.incidents}`).join(", ") || "none",
      "incident updates mailed": notifyingUpdates,
      "slots from the stop to the restart: expected / recorded (of them late) / missing": `${outageSlots} / ${outageResults.length} (${recordedLate}) / ${outageSlots - outageResults.length}`,
      "results not backed by a real check (invented)": invented.length,
      "duplicate result rows": duplicateRows,
      "slots missing after recovery": steadyMissing,
      "worker error log lines (expected while the database is down)": errors,
    });

    expect(worker.child.exitCode).toBe(0); // it stayed up through the outage and stopped on SIGTERM
    expect(Math.max(recovery.check, recovery.heartbeat, recovery.outbox)).toBeLessThanOrEqual(RECOVERY_LIMIT_MS);
    expect(acceptedAtStop).toBeLessThan(SUBSCRIBERS); // the restart hit the fan-out
    expect(delivery.messages).toBe(SUBSCRIBERS * notifyingUpdates);
    expect(delivery.sent).toBe(delivery.messages);
    expect(delivery.lost).toBe(0);
    expect(delivery.duplicates).toBeLessThanOrEqual(BATCH * PIPELINES);
    expect(incidents).toEqual([{ componentId: "api", incidents: 1 }]);
    expect(invented).toEqual([]);
    expect(outageSlots).toBeGreaterThan(0);
    expect(duplicateRows).toBe(0);
    expect(steadyMissing).toBe(0);
  }, 180_000);
});
