// Every listening part of a process on ONE LISTEN connection (lib/postgres/shared-listener.ts): with
// the change feed, the mailer, the alert dispatcher and the incident moment clock started in this one
// process — as in the all-in-one process — pg_stat_activity shows one listening backend. When it is
// terminated, one loss is logged, the parts that show it hear the reconnect (the feed's "reconnect",
// the clock planning again), and every part is woken by later notifications: the mailer's and the
// dispatcher's idle sweeps are 10 minutes, so mail and an alert arriving within seconds were woken.
import { randomBytes } from "node:crypto";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAlerts } from "../lib/alerts/record-alerts";
import { testEvent } from "../lib/alerts/alert-events";
import type { Actor } from "../lib/auth/actor";
import { applyConfig, CONFIG_FILE_ACTOR } from "../lib/config/apply-config";
import { parseConfigText } from "../lib/config/parse-config";
import { db } from "../lib/db";
import { createIncident } from "../lib/incidents/create-incident";
import { CreateIncident } from "../lib/incidents/schemas";
import { changeFeed, stopChangeFeed, type FeedChange } from "../lib/live/change-feed";
import { createLogger, type Logger } from "../lib/log";
import { startAlertReceivers, type AlertReceivers } from "../test/alert-receivers";
import { startTestSink, type TestSink } from "../test/mail-harness";
import { ctxFor } from "../test/verbs";
import { startWorkerAlerts } from "./alerts";
import { startWorkerMailer } from "./mailer";
import { startIncidentMomentClock } from "./incident-moment-clock";

process.env.ALERT_SECRET_KEY = randomBytes(32).toString("hex");
process.env.PROBE_ALLOWLIST = "127.0.0.1";
process.env.MAIL_SWEEP_MS = "600000";

const logHolder = globalThis as { vigilLogger?: Logger };
const loggerBefore = logHolder.vigilLogger;
const logLines: string[] = [];

let sink: TestSink;
let receivers: AlertReceivers;
let editor: Actor;
const running: { stop(): Promise<void> }[] = [];

beforeAll(async () => {
  logHolder.vigilLogger = createLogger({
    destination: new Writable({
      write(chunk, _encoding, done) {
        logLines.push(...String(chunk).split("\n").filter(Boolean));
        done();
      },
    }),
  });
  sink = await startTestSink();
  receivers = await startAlertReceivers();
  // Before anything reads the environment (env() parses once per test file).
  process.env.SMTP_URL = sink.url;
  const config = `alerts:\n  channels:\n    - { name: ops-hook, kind: webhook, url: "${receivers.url("/webhook")}", secret: "whsec-test-0123456789abcdef" }\n`;
  await applyConfig({ ctx: ctxFor(CONFIG_FILE_ACTOR), input: { config: parseConfigText(config, "vigil.config.yaml"), source: "test", sha256: "x" } });
  const admin = await db().adminUser.create({ data: { email: "editor@status.test", passwordHash: "x", role: "editor" } });
  editor = { adminId: admin.id, email: admin.email, role: "editor" };
  await db().subscriber.create({ data: { email: "reader@example.fm", status: "confirmed", confirmedAt: new Date() } });
});

afterAll(async () => {
  for (const part of running) await part.stop();
  await stopChangeFeed();
  await receivers.close();
  await sink.close();
  logHolder.vigilLogger = loggerBefore;
});

/** Sessions of this test's database that Vigil named (every LISTEN connection is vigil-<name>). */
async function namedSessions(): Promise<{ pid: number; name: string }[]> {
  return db().$queryRaw<{ pid: number; name: string }[]>`
    SELECT pid, application_name AS name FROM pg_stat_activity
    WHERE datname = current_database() AND application_name LIKE 'vigil-%' ORDER BY pid`;
}

const poll = { timeout: 15_000, interval: 25 };
const subjects = () => sink.messages.map((message) => message.subject);
const alertsReceived = () => receivers.received.filter((request) => request.path === "/webhook").length;

async function incident(name: string) {
  await createIncident({ ctx: ctxFor(editor), input: CreateIncident.parse({ name, body: `${name}.` }) });
}

async function alert(channel: string, at: Date) {
  await db().$transaction((tx) => recordAlerts(tx, [testEvent(channel, at, "https://status.example.test")]));
}

describe("one LISTEN connection per process", () => {
  it("serves the change feed, mailer, alert dispatcher and incident moment clock, and recovers for all of them", async () => {
    const changes: FeedChange["reason"][] = [];
    const feed = changeFeed();
    feed.subscribe(({ reason }) => changes.push(reason));
    let plans = 0;
    running.push(
      await startWorkerMailer("one-listen-test", () => undefined),
      await startWorkerAlerts("one-listen-test", () => undefined),
      startIncidentMomentClock({
        nextMoment: async () => {
          plans += 1;
          return null;
        },
        run: async () => undefined,
        clock: () => new Date(),
        log: () => undefined,
        // No planning without a wake-up while the test runs.
        horizonMs: 600_000,
      }),
    );
    expect(await feed.ready(15_000)).toBe(true);
    const sessions = await namedSessions();
    expect(sessions.map((session) => session.name)).toEqual(["vigil-listen"]);
    const killed = sessions[0]!.pid;
    // Let every part's start-up turn find nothing and go idle.
    await new Promise((resolve) => setTimeout(resolve, 1_000));

    await incident("Uploads stall");
    await alert("ops-hook", new Date("2026-01-01T00:00:00Z"));
    await expect.poll(() => subjects().some((subject) => subject.includes("Uploads stall")), { ...poll, message: "the mailer was woken" }).toBe(true);
    await expect.poll(alertsReceived, { ...poll, message: "the alert dispatcher was woken" }).toBe(1);
    await expect.poll(() => changes.includes("notify"), { ...poll, message: "the change feed heard the incident" }).toBe(true);
    await expect.poll(() => plans >= 2, { ...poll, message: "the incident moment clock planned again" }).toBe(true);

    const plansBefore = plans;
    const changesBefore = changes.length;
    await db().$queryRaw`SELECT pg_terminate_backend(${killed}::int)`;
    await expect.poll(() => changes.slice(changesBefore).includes("reconnect"), { ...poll, message: "the feed heard the reconnect" }).toBe(true);
    expect(changes.slice(changesBefore).filter((reason) => reason !== "notify")).toEqual(["disconnect", "reconnect"]);
    await expect.poll(() => plans > plansBefore, { ...poll, message: "the clock planned again after the reconnect" }).toBe(true);
    const after = await namedSessions();
    expect(after.map((session) => session.name)).toEqual(["vigil-listen"]);
    expect(after[0]!.pid).not.toBe(killed);
    expect(logLines.filter((line) => line.includes("lost the LISTEN connection"))).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 1_000));

    const plansAfter = plans;
    await incident("Search is slow");
    await alert("ops-hook", new Date("2026-01-01T00:01:00Z"));
    await expect.poll(() => subjects().some((subject) => subject.includes("Search is slow")), { ...poll, message: "the mailer was woken after the reconnect" }).toBe(true);
    await expect.poll(alertsReceived, { ...poll, message: "the alert dispatcher was woken after the reconnect" }).toBe(2);
    await expect.poll(() => changes.lastIndexOf("notify") > changesBefore, { ...poll, message: "the feed heard the second incident" }).toBe(true);
    await expect.poll(() => plans > plansAfter, { ...poll, message: "the clock was woken by the second incident" }).toBe(true);
    expect(sink.messages.map((message) => message.recipients)).toEqual([["reader@example.fm"], ["reader@example.fm"]]);
  });
});
