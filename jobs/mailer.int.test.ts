// The worker's mailer (jobs/mailer.ts) is woken through its LISTEN connection: with the idle sweep
// at its 10-minute maximum, mail for an incident written while the mailer sits idle arrives within
// seconds only because the commit's NOTIFY woke it — also after its LISTEN session was killed and
// the process's shared listener (lib/postgres/shared-listener.ts) reconnected by itself.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSink, type TestSink } from "../test/mail-harness";
import type { Actor } from "../lib/auth/actor";
import { db } from "../lib/db";
import { createIncident } from "../lib/incidents/create-incident";
import { CreateIncident } from "../lib/incidents/schemas";
import { ctxFor } from "../test/verbs";
import { startWorkerMailer, type RunningMailer } from "./mailer";

let sink: TestSink;
let mailer: RunningMailer | undefined;
let editor: Actor;

beforeAll(async () => {
  sink = await startTestSink();
  // Before anything reads the environment (env() parses once per test file).
  process.env.SMTP_URL = sink.url;
  process.env.MAIL_SWEEP_MS = "600000";
  const admin = await db().adminUser.create({ data: { email: "editor@status.test", passwordHash: "x", role: "editor" } });
  editor = { adminId: admin.id, email: admin.email, role: "editor" };
  await db().subscriber.create({ data: { email: "reader@example.fm", status: "confirmed", confirmedAt: new Date() } });
});

afterAll(async () => {
  await mailer?.stop();
  await sink.close();
});


/** Backend pid of the mailer's LISTEN session in this test's database, if it has one. */
async function listeningSession(): Promise<number | undefined> {
  const rows = await db().$queryRaw<{ pid: number }[]>`
    SELECT pid FROM pg_stat_activity
    WHERE application_name = 'vigil-listen' AND datname = current_database() AND query ILIKE 'LISTEN%'`;
  return rows[0]?.pid;
}

const subjects = () => sink.messages.map((message) => message.subject);

describe("the worker's mailer", () => {
  it("is woken by NOTIFY, before and after its LISTEN connection is killed", async () => {
    mailer = await startWorkerMailer("mailer-wake-test", () => undefined);
    await expect.poll(async () => (await listeningSession()) !== undefined, { timeout: 15_000, interval: 25, message: "the mailer listens" }).toBe(true);
    // Let the start-up claims (and the wake-up on listening) find nothing and go idle for 10 minutes.
    await new Promise((resolve) => setTimeout(resolve, 1_000));

    await createIncident({ ctx: ctxFor(editor), input: CreateIncident.parse({ name: "Uploads stall", body: "Uploads stall at 99 %." }) });
    await expect.poll(() => subjects().some((subject) => subject.includes("Uploads stall")), { timeout: 15_000, interval: 25, message: "the first incident's mail arrives" }).toBe(true);

    const killed = await listeningSession();
    await db().$queryRaw`SELECT pg_terminate_backend(${killed}::int)`;
    await expect
      .poll(
        async () => {
          const pid = await listeningSession();
          return pid !== undefined && pid !== killed;
        },
        { timeout: 15_000, interval: 25, message: "the mailer listens again on a new session" },
      )
      .toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1_000));

    await createIncident({ ctx: ctxFor(editor), input: CreateIncident.parse({ name: "Search is slow", body: "Search takes 10 s." }) });
    await expect.poll(() => subjects().some((subject) => subject.includes("Search is slow")), { timeout: 15_000, interval: 25, message: "the second incident's mail arrives" }).toBe(true);
    expect(sink.messages.map((message) => message.recipients)).toEqual([["reader@example.fm"], ["reader@example.fm"]]);
  });
});
