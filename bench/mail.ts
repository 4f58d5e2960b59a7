// npm run bench:mail — issue #6's benchmark, on a throwaway embedded PostgreSQL (temp dir, 127.0.0.1)
// and a real local SMTP sink (smtp-server, in a child process: bench/mail-sink-process.ts). Not a
// test: it prints figures.
//   (a) baseline: pooled nodemailer (the transport Vigil uses, same connections) sends 10,000
//       prebuilt messages in a loop, as many in flight as Vigil's mailer holds (3 batches). It runs
//       twice, before and after (b), after an untimed warm-up; the ratio uses the faster baseline;
//   (b) Vigil: one incident update for 10,000 confirmed subscribers — the outbox fan-out written in
//       the update's transaction, then the worker's mailer (jobs/mailer.ts: NOTIFY wake-up, leased
//       batches, rendering, pacing, marking sent) drains it to the same sink.
// Prints messages/s, total time, the ratio (target ≥ 0.7×; 10,000 in ≤ 60 s) and duplicates (target 0).
// MAIL_RATE_PER_SECOND defaults to 50 in production (a polite default for real SMTP relays); the
// bench raises it to 100,000 so it measures the machinery, not the pacing. Set it to measure pacing.
import { fork, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { disconnectDb, db } from "../lib/db";
import { composeIncidentUpdateEmail } from "../lib/email/compose-email";
import { createMailTransport } from "../lib/email/mail-transport";
import { env, mailFrom } from "../lib/env";
import { createIncident } from "../lib/incidents/create-incident";
import { CreateIncident } from "../lib/incidents/schemas";
import { startEmbeddedPostgres } from "../lib/postgres/embedded";
import { applyMigrations } from "../lib/postgres/migrate";
import { startWorkerMailer } from "../jobs/mailer";
import { freePort } from "../test/postgres-server";

const MESSAGES = 10_000;
const WARM_UP = 500;

const cleanups: (() => Promise<unknown>)[] = [];
const seconds = (ms: number) => (ms / 1000).toFixed(2);

async function main() {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "vigil-bench-mail-"));
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  const server = await startEmbeddedPostgres({ dataDir, port: await freePort(), database: "vigil_bench" });
  cleanups.unshift(() => server.stop());
  await applyMigrations(server.url);

  const sinkProcess = fork(path.join(import.meta.dirname, "mail-sink-process.ts"), { execArgv: ["--import", "tsx", "--conditions=react-server"] });
  cleanups.unshift(async () => sinkProcess.connected && sinkProcess.disconnect());
  const sink = { url: ((await once(sinkProcess, "message")) as [{ url: string }])[0].url };
  const sinkStats = (request: "stats" | "reset" = "stats") => ask(sinkProcess, request);
  process.env.DATABASE_URL = server.url;
  process.env.SMTP_URL = sink.url;
  process.env.MAIL_RATE_PER_SECOND ??= "100000";
  process.env.LOG_LEVEL ??= "warn";
  const config = env();
  console.log(
    `bench:mail — ${MESSAGES.toLocaleString("en")} messages, ${os.cpus().length} cores, Node ${process.version}; ` +
      `${config.MAIL_MAX_CONNECTIONS} SMTP connections, batch ${config.MAIL_BATCH_SIZE}, rate limit ${config.MAIL_RATE_PER_SECOND}/s`,
  );

  // (a) baseline: the same message shape, prebuilt, straight through pooled nodemailer.
  const prebuilt = composeIncidentUpdateEmail({
    pageName: "Vigil demo",
    language: "en",
    incident: { name: "Episode downloads fail", kind: "incident", url: "http://127.0.0.1:3000/incidents/x" },
    update: { status: "investigating", body: "Downloads fail with **503** for some listeners.", at: new Date() },
    components: [{ name: "Episode downloads", status: "major_outage" }],
    manageUrl: "http://127.0.0.1:3000/subscription/x",
    unsubscribeUrl: "http://127.0.0.1:3000/api/subscriptions/unsubscribe?token=x",
    listId: "Vigil demo <updates.127.0.0.1>",
    threadId: "<incident-x-s@127.0.0.1>",
  });
  const baseline = async (count: number, label: string): Promise<{ ms: number; cpuMs: number; accepted: number }> => {
    const transport = createMailTransport({ url: sink.url, maxConnections: config.MAIL_MAX_CONNECTIONS });
    const before = (await sinkStats()).received;
    const cpu = process.cpuUsage();
    const start = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 3 * config.MAIL_BATCH_SIZE }, async () => {
        while (next < count) {
          const i = next++;
          await transport.sendMail({ from: mailFrom(config), to: `fan${i}@example.fm`, messageId: `<${label}-${i}@bench>`, ...prebuilt });
        }
      }),
    );
    const ms = performance.now() - start;
    const cpuMs = cpuMsSince(cpu);
    transport.close();
    return { ms, cpuMs, accepted: (await sinkStats()).received - before };
  };
  await baseline(WARM_UP, "warm-up");
  const baselineBefore = await baseline(MESSAGES, "baseline-1");

  // (b) Vigil: subscribers exist beforehand (not timed); the update, its fan-out and the drain are.
  const admin = await db().adminUser.create({ data: { email: "bench@status.test", passwordHash: "x", role: "editor" } });
  await db().subscriber.createMany({ data: Array.from({ length: MESSAGES }, (_, i) => ({ email: `fan${i}@example.fm`, status: "confirmed" as const })) });
  const component = await db().component.create({ data: { name: "Episode downloads" } });
  const mailer = await startWorkerMailer("bench-mailer", (message) => console.log(`  [mailer] ${message}`));
  cleanups.unshift(() => mailer.stop());
  await sinkStats("reset");

  const vigilCpu = process.cpuUsage();
  const vigilStart = performance.now();
  await createIncident({
    ctx: { actor: { adminId: admin.id, email: admin.email, role: "editor" }, now: new Date(), messageIdDomain: "status.test" },
    input: CreateIncident.parse({ name: "Episode downloads fail", body: "Downloads fail with **503** for some listeners.", components: [{ componentId: component.id, status: "major_outage" }] }),
  });
  const fanOutMs = performance.now() - vigilStart;
  let sent = 0;
  while (sent < MESSAGES) {
    // Polled sparingly: these queries run in the process being measured.
    await new Promise((resolve) => setTimeout(resolve, 200));
    sent = await db().outboxMessage.count({ where: { status: "sent" } });
    if (performance.now() - vigilStart > 600_000) throw new Error(`only ${sent} of ${MESSAGES} sent after 10 minutes`);
  }
  const vigilMs = performance.now() - vigilStart;
  const vigilCpuMs = cpuMsSince(vigilCpu);
  await mailer.stop();
  const failed = await db().outboxMessage.count({ where: { status: { not: "sent" } } });
  const counted = await sinkStats();
  const duplicates = counted.received - counted.unique;
  const delivered = counted.unique;
  const baselineAfter = await baseline(MESSAGES, "baseline-2");

  const rate = (run: { ms: number; accepted: number; cpuMs: number }) => run.accepted / (run.ms / 1000);
  const baselineRate = Math.max(rate(baselineBefore), rate(baselineAfter));
  const vigilRate = MESSAGES / (vigilMs / 1000);
  for (const [run, when] of [[baselineBefore, "before"], [baselineAfter, "after"]] as const) {
    console.log(`(a) baseline ${when} (b), pooled nodemailer, prebuilt: ${run.accepted} accepted in ${seconds(run.ms)} s → ${rate(run).toFixed(0)} msg/s, ${(run.cpuMs / run.accepted).toFixed(2)} ms CPU per message`);
  }
  console.log(`(b) Vigil, outbox write + mailer drain: ${delivered} delivered in ${seconds(vigilMs)} s → ${vigilRate.toFixed(0)} msg/s (fan-out transaction ${seconds(fanOutMs)} s), ${(vigilCpuMs / MESSAGES).toFixed(2)} ms CPU per message in the sending process (PostgreSQL not included)`);
  console.log(`ratio Vigil / faster baseline: ${(vigilRate / baselineRate).toFixed(2)}× (target ≥ 0.7); 10,000 in ${seconds(vigilMs)} s (target ≤ 60 s)`);
  console.log(`duplicates: ${duplicates} (target 0); not sent: ${failed}`);
}

function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

function ask(child: ChildProcess, request: "stats" | "reset"): Promise<{ received: number; unique: number }> {
  return new Promise((resolve) => {
    child.once("message", (answer) => resolve(answer as { received: number; unique: number }));
    child.send(request);
  });
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
