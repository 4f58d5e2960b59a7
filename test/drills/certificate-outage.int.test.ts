// Drill: one certificate lapses behind two components — the outage this project exists for. Two real
// worker processes probe a local HTTPS server whose one certificate serves the CMS (an http and a tls
// monitor) and the episode downloads (an http monitor); the test swaps in an expired certificate for
// the same host, then the renewed one. Pass: one incident naming the certificate and both
// components, detected within threshold × interval + 5 s; exactly one mail per public update per
// confirmed subscriber in scope (none to the unconfirmed one); one certificate alert; resolution at
// the end of the quiet period ± 15 s.
import { writeFile } from "node:fs/promises";
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import tls from "node:tls";
import { describe, expect, it } from "vitest";
import { db } from "../../lib/db";
import { generateCertificateZoo, tlsCaseHost } from "../fixtures/certificates";
import { printFigures, startWorker } from "../vigil-processes";
import { drillRig, startMailCatcher } from "./drill-setup";

const INTERVAL_SECONDS = 10; // the shortest the planner allows (MIN_INTERVAL_SECONDS)
const FAILURE_THRESHOLD = 3;
const QUIET_MINUTES = 1;
const DAY_MS = 86_400_000;
const rig = drillRig();

describe("drill: a certificate lapse behind two components", () => {
  it("is one incident, mailed once per public update per subscriber, and resolves on time", async () => {
    const databaseUrl = process.env.DATABASE_URL!;
    const mail = (rig.mail = await startMailCatcher());

    // The same host name served first by a valid certificate, then by one that expired 20 days ago
    // (made by the same test CA, 100 days back), then by the valid one again.
    const now = Date.now();
    const current = generateCertificateZoo({ now: new Date(now), caIssuersUrl: "http://127.0.0.1:9/none" });
    const lapsed = generateCertificateZoo({ now: new Date(now - 100 * DAY_MS), caIssuersUrl: "http://127.0.0.1:9/none" });
    const host = tlsCaseHost("valid");
    const contexts = {
      valid: tls.createSecureContext({ cert: current.servers.valid.certChainPem, key: current.servers.valid.keyPem }),
      expired: tls.createSecureContext({ cert: lapsed.servers.valid.certChainPem, key: lapsed.servers.valid.keyPem }),
    };
    let serving: keyof typeof contexts = "valid";
    const server = https.createServer(
      { cert: current.servers.valid.certChainPem, key: current.servers.valid.keyPem, SNICallback: (_, done) => done(null, contexts[serving]) },
      (_, response) => response.end("<html>ok</html>"),
    );
    // The probe network's self-check must pass, or an all-failing batch would count as our own outage.
    const canary = http.createServer((_, response) => response.end("ok"));
    await Promise.all([new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve)), new Promise<void>((resolve) => canary.listen(0, "127.0.0.1", resolve))]);
    rig.cleanups.push(async () => {
      server.closeAllConnections();
      await Promise.all([new Promise((resolve) => server.close(resolve)), new Promise((resolve) => canary.close(resolve))]);
    });
    const port = (server.address() as AddressInfo).port;
    const caFile = path.join(os.tmpdir(), `vigil-drill-ca-${process.pid}.pem`);
    await writeFile(caFile, current.rootCaPem + lapsed.rootCaPem);

    const cms = await db().component.create({ data: { name: "CMS", position: 1 } });
    const downloads = await db().component.create({ data: { name: "Episode downloads", position: 2 } });
    const monitor = (name: string, kind: "http" | "tls", target: string, componentId: string) =>
      db().monitor.create({ data: { name, kind, target, componentId, intervalSeconds: INTERVAL_SECONDS, timeoutMs: 3000, failureThreshold: FAILURE_THRESHOLD, recoveryThreshold: 2 } });
    await monitor("CMS home", "http", `https://${host}:${port}/cms`, cms.id);
    await monitor("CMS certificate", "tls", `${host}:${port}`, cms.id);
    await monitor("Episode files", "http", `https://${host}:${port}/episodes/1.mp3`, downloads.id);
    await db().subscriber.createMany({
      data: [
        { email: "everything@example.fm", status: "confirmed" },
        { email: "pending@example.fm", status: "pending" },
      ],
    });
    await db().subscriber.create({ data: { email: "cms-only@example.fm", status: "confirmed", allComponents: false, components: { create: { componentId: cms.id } } } });
    await db().subscriber.create({ data: { email: "downloads-only@example.fm", status: "confirmed", allComponents: false, components: { create: { componentId: downloads.id } } } });

    const env = {
      SMTP_URL: mail.url,
      ALERT_EMAIL: "ops@example.fm",
      NODE_EXTRA_CA_CERTS: caFile,
      PROBE_CANARY_URLS: `http://127.0.0.1:${(canary.address() as AddressInfo).port}/`,
      INCIDENT_AUTO_RESOLVE_MINUTES: String(QUIET_MINUTES),
      INCIDENT_RECOVERY_HOLD_SECONDS: "20",
      MAIL_SWEEP_MS: "200",
      WORKER_HEARTBEAT_SECONDS: "1",
      LOG_LEVEL: "warn",
    };
    rig.processes.push(startWorker("worker-a", databaseUrl, env), startWorker("worker-b", databaseUrl, env));
    const monitorStates = async () => (await db().monitor.findMany({ select: { state: true } })).map((m) => m.state);
    await expect.poll(monitorStates, { timeout: 90_000, interval: 500 }).toEqual(["up", "up", "up"]);

    // The certificate lapses.
    serving = "expired";
    server.closeAllConnections(); // keep-alive connections would still show the old certificate
    const lapsedAt = Date.now();
    await expect.poll(() => db().incident.count({ where: { kind: "incident" } }), { timeout: 60_000, interval: 250 }).toBe(1);
    await expect.poll(monitorStates, { timeout: 60_000, interval: 250 }).toEqual(["down", "down", "down"]);
    const [opened] = await db().incident.findMany({ include: { components: { include: { component: true } } } });
    const detectionMs = opened!.startedAt.getTime() - lapsedAt;
    expect(opened!.name).toBe(`TLS certificate for ${host} expired — CMS and Episode downloads are down`);
    expect(opened!.components.map((c) => c.component.name).sort()).toEqual(["CMS", "Episode downloads"]);
    expect(detectionMs).toBeLessThanOrEqual((FAILURE_THRESHOLD * INTERVAL_SECONDS + 5) * 1000);

    // Renewed.
    serving = "valid";
    server.closeAllConnections();
    await expect.poll(() => db().incident.findFirstOrThrow({ where: { id: opened!.id } }).then((i) => i.status), { timeout: 60_000, interval: 250 }).toBe("monitoring");
    await expect.poll(() => db().incident.findFirstOrThrow({ where: { id: opened!.id } }).then((i) => i.status), { timeout: 120_000, interval: 500 }).toBe("resolved");
    const resolved = await db().incident.findFirstOrThrow({ where: { id: opened!.id }, include: { updates: { orderBy: { createdAt: "asc" } } } });
    const resolutionLateMs = resolved.resolvedAt!.getTime() - (resolved.monitoringAt!.getTime() + QUIET_MINUTES * 60_000);
    expect(Math.abs(resolutionLateMs)).toBeLessThanOrEqual(15_000);
    expect(await db().incident.count({ where: { kind: "incident" } })).toBe(1);

    // Every (update, subscriber) row that was due is sent once; the SMTP server saw each Message-ID once.
    await expect.poll(() => db().outboxMessage.count({ where: { status: { not: "sent" } } }), { timeout: 30_000, interval: 250 }).toBe(0);
    const sent = await db().outboxMessage.findMany({ include: { incidentUpdate: { select: { id: true, affectedComponents: true } } } });
    expect([...mail.received.values()].every((times) => times === 1)).toBe(true);
    expect(mail.received.size).toBe(sent.length);
    const perRecipient = (kind: string, recipient: string) => sent.filter((m) => m.kind === kind && m.recipient === recipient).length;
    const mailedUpdates = resolved.updates.filter((u) => u.notify);
    const touches = (update: (typeof mailedUpdates)[number], componentId: string) =>
      (update.affectedComponents as { componentId: string }[]).some((a) => a.componentId === componentId);
    expect(perRecipient("incident_update", "everything@example.fm")).toBe(mailedUpdates.length);
    expect(perRecipient("incident_update", "cms-only@example.fm")).toBe(mailedUpdates.filter((u) => touches(u, cms.id)).length);
    expect(perRecipient("incident_update", "downloads-only@example.fm")).toBe(mailedUpdates.filter((u) => touches(u, downloads.id)).length);
    expect(perRecipient("incident_update", "pending@example.fm")).toBe(0);
    // The opening is one mail for both components, whichever worker confirmed which monitor first,
    // and it names the certificate the title names (even when one check timed out under load).
    expect(mailedUpdates[0]!.body).toContain(`The TLS certificate for ${host} expired on `);
    expect(mailedUpdates[0]!.body).toMatch(/(CMS|Episode downloads) cannot be reached securely\./);
    expect(mailedUpdates[0]!.body).toMatch(/(Episode downloads|CMS) is also affected\./);
    expect(touches(mailedUpdates[0]!, cms.id) && touches(mailedUpdates[0]!, downloads.id)).toBe(true);
    expect(mailedUpdates.at(-1)!.status).toBe("resolved");
    // One certificate alert, for the certificate, not one per monitor.
    expect(sent.filter((m) => m.kind === "certificate_alert").map((m) => (m.payload as { title: string }).title)).toEqual([`${host} certificate expired`]);

    printFigures("certificate outage drill", {
      "detection (s) after the lapse": (detectionMs / 1000).toFixed(1),
      "detection budget (s)": FAILURE_THRESHOLD * INTERVAL_SECONDS + 5,
      "incidents": 1,
      "public updates": resolved.updates.length,
      "mailed updates": mailedUpdates.length,
      "mails to the whole-page subscriber": perRecipient("incident_update", "everything@example.fm"),
      "mails to the CMS-only subscriber": perRecipient("incident_update", "cms-only@example.fm"),
      "mails to the downloads-only subscriber": perRecipient("incident_update", "downloads-only@example.fm"),
      "mails to the unconfirmed subscriber": 0,
      "certificate alerts": perRecipient("certificate_alert", "ops@example.fm"),
      "resolution vs quiet period end (s)": (resolutionLateMs / 1000).toFixed(1),
      "duplicate Message-IDs at the SMTP server": [...mail.received.values()].filter((times) => times > 1).length,
    });
  }, 300_000);
});
