// The mailer: claims outbox batches under a lease, renders them, sends through the pooled transport
// at a bounded rate, and settles each row by what the SMTP server said. A row is marked sent only
// after the server accepted it. Sent rows are marked in small coalesced batches (one UPDATE while
// the next messages are on the wire), so after a crash the only duplicates are messages accepted
// but not yet marked — a handful, never more than the rows in flight.
import "server-only";
import type { Transporter } from "nodemailer";
import { observeMailSend } from "../lib/metrics/process-metrics";
import { classifyDeliveryError, nextAttemptAt, type DeliveryFailure, type RetryPolicy } from "../lib/outbox/delivery-policy";
import { claimOutboxBatch, failOutboxMessage, markOutboxSent, nextOutboxDueAt, retryOutboxMessageLater, type ClaimedOutboxMessage } from "../lib/outbox/outbox-store";
import { RatePacer } from "../lib/outbox/rate-pacer";
import { renderOutboxBatch, type RenderedOutboxMessage } from "../lib/outbox/render-outbox-batch";
import { WakeGate } from "./wake-gate";

export type MailerOptions = {
  transport: Transporter;
  from: string;
  workerId: string;
  batchSize: number;
  leaseMs: number;
  ratePerSecond: number;
  retry: RetryPolicy;
  quarantineAfter: number;
  /** Idle sweep: how long to wait for a wake-up before looking again anyway. */
  sweepMs: number;
  /** Batches in flight at once (default 3): while one waits on SMTP, the next is claimed and rendered. */
  pipelines?: number;
  log: (message: string) => void;
  /** The wall clock (leases, pacing, retries); the worker passes the real one, so this file never reads it. */
  clock: () => Date;
  /** Called after each settled batch (tests and the benchmark watch progress). */
  onBatch?: (settled: Settled) => void;
};

export type Mailer = { wake(): void; stop(): Promise<void> };

/** A batch's outcome; `lapsed`: not sent because its lease ran out first (the row goes out later, once). */
type Settled = { sent: number; retried: number; failed: number; skipped: number; lapsed: number };

/**
 * A message is not handed to SMTP in the last quarter of its lease: a starved mailer (CPU, a slow
 * server) would otherwise send rows another mailer may already have claimed again — a duplicate
 * beyond the one in flight at a crash.
 */
const LEASE_SEND_FRACTION = 0.75;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function startMailer(options: MailerOptions): Mailer {
  const gate = new WakeGate();
  const pacer = new RatePacer(options.ratePerSecond, Math.max(1, Math.min(options.ratePerSecond, options.batchSize)), options.clock().getTime());
  const marker = new SentMarker(options.workerId, options.log, options.leaseMs, options.clock);
  // A batch must finish inside its lease even at the configured rate.
  const claimSize = Math.max(1, Math.min(options.batchSize, Math.floor((options.ratePerSecond * options.leaseMs) / 2000)));

  const pipeline = async () => {
    while (!gate.stopped) {
      gate.beginTurn();
      let rows;
      const claimedAt = options.clock().getTime();
      try {
        rows = await claimOutboxBatch({ workerId: options.workerId, limit: claimSize, leaseMs: options.leaseMs, now: new Date(claimedAt) });
      } catch (error) {
        options.log(`mailer cannot claim: ${(error as Error).message}`);
        await sleep(Math.min(options.sweepMs, 5_000));
        continue;
      }
      if (rows.length === 0) {
        // Idle until a wake-up, the sweep, or the next pending row falls due (mail held for a burst
        // window, a retry after backoff): held mail leaves on time without a sweep.
        await gate.waitForDue(() => nextOutboxDueAt(), options.sweepMs, options.clock);
        continue;
      }
      try {
        // A row claimed more often than it may be attempted went unsettled: its mailers died
        // holding it, or preparing it kept failing. Give it up rather than loop forever.
        const exhausted = rows.filter((row) => row.attempts > options.retry.maxAttempts);
        for (const row of exhausted) {
          await failOutboxMessage(row, options.workerId, `gave up: claimed ${row.attempts} times without being settled`, options.clock(), { countsAgainstRecipient: false, quarantineAfter: options.quarantineAfter });
        }
        rows = rows.filter((row) => row.attempts <= options.retry.maxAttempts);
        const rendered = await renderOutboxBatch(rows, { from: options.from, now: options.clock() });
        // Not `onBatch?.(await deliver…)`: optional chaining would skip the delivery without a callback.
        const settled = await deliverBatch(rendered, options, pacer, marker, claimedAt + options.leaseMs * LEASE_SEND_FRACTION);
        options.onBatch?.(settled);
      } catch (error) {
        // Rows stay leased; they become claimable again when the lease ends.
        options.log(`mailer batch failed: ${(error as Error).message}`);
        await sleep(1_000);
      }
    }
  };

  const running = Array.from({ length: options.pipelines ?? 3 }, () => pipeline());
  return {
    wake: () => gate.wake(),
    async stop() {
      gate.stop();
      await Promise.all(running);
      await marker.flush();
    },
  };
}

async function deliverBatch(rendered: RenderedOutboxMessage[], options: MailerOptions, pacer: RatePacer, marker: SentMarker, sendBefore: number): Promise<Settled> {
  const settled = { sent: 0, retried: 0, failed: 0, skipped: 0, lapsed: 0 };
  await Promise.all(
    rendered.map(async (message) => {
      const { row } = message;
      if (message.outcome === "retry") {
        settled[(await retryOrGiveUp(row, { permanent: false, reason: message.reason }, options)) ? "retried" : "failed"] += 1;
        return;
      }
      if (message.outcome !== "send") {
        await failOutboxMessage(row, options.workerId, message.reason, options.clock(), { countsAgainstRecipient: false, quarantineAfter: options.quarantineAfter });
        settled[message.outcome === "skip" ? "skipped" : "failed"] += 1;
        return;
      }
      const wait = pacer.take(options.clock().getTime());
      if (wait > 0) await sleep(wait);
      // Left leased and unmarked: claimable again when the lease ends.
      if (options.clock().getTime() >= sendBefore) {
        settled.lapsed += 1;
        return;
      }
      const sendStartedAt = performance.now();
      const observeSend = (outcome: "sent" | "retried" | "failed") => observeMailSend({ outcome, durationMs: performance.now() - sendStartedAt });
      try {
        await options.transport.sendMail({
          from: options.from,
          to: row.recipient,
          subject: message.email.subject,
          text: message.email.text,
          html: message.email.html,
          headers: message.email.headers,
          messageId: row.messageId,
        });
      } catch (error) {
        const retried = await retryOrGiveUp(row, classifyDeliveryError(error), options);
        observeSend(retried ? "retried" : "failed");
        settled[retried ? "retried" : "failed"] += 1;
        return;
      }
      observeSend("sent");
      // Not awaited: the row stays leased to us until marked, so the next batch may go out meanwhile.
      marker.mark(row.id);
      settled.sent += 1;
    }),
  );
  return settled;
}

/**
 * Settles a failed attempt: a transient failure is retried with backoff until the attempts run out;
 * a permanent one fails at once and counts against the subscriber. True when it will be retried.
 */
async function retryOrGiveUp(row: ClaimedOutboxMessage, failure: DeliveryFailure, options: MailerOptions): Promise<boolean> {
  const now = options.clock();
  const retryAt = failure.permanent ? null : nextAttemptAt(row.attempts, now, options.retry);
  if (retryAt) {
    await retryOutboxMessageLater(row.id, options.workerId, failure.reason, retryAt, now);
    return true;
  }
  const reason = failure.permanent ? failure.reason : `gave up after ${row.attempts} attempts: ${failure.reason}`;
  await failOutboxMessage(row, options.workerId, reason, now, { countsAgainstRecipient: failure.permanent, quarantineAfter: options.quarantineAfter });
  return false;
}

/** How long "sent" marks gather before one UPDATE writes them. */
const MARK_WINDOW_MS = 20;
/** Pause between attempts to write marks while the database is unreachable. */
const MARK_RETRY_MS = 1_000;

/**
 * Coalesces "sent" marks: one UPDATE for whatever was accepted in the last few milliseconds (and
 * while the previous UPDATE ran). Each statement costs the sending process CPU, so fewer, larger
 * ones let it send faster; the window bounds how many accepted messages a crash can leave unmarked.
 * When the database is briefly unreachable (a restart, a failover), marks are kept and written
 * again once it answers: the rows are still leased to us, so nobody re-sends them meanwhile, and a
 * short outage duplicates nothing. Marks are kept for one lease at most — by then the rows may be
 * claimed again (the mark's lease guard then makes it a no-op) — and not retried on stop.
 */
class SentMarker {
  private waiting: { id: bigint; acceptedAt: number }[] = [];
  private running: Promise<void> | undefined;
  private stopping = false;

  constructor(
    private readonly workerId: string,
    private readonly log: (message: string) => void,
    private readonly keepMs: number,
    private readonly clock: () => Date,
  ) {}

  mark(id: bigint): void {
    this.waiting.push({ id, acceptedAt: this.clock().getTime() });
    this.running ??= this.drain();
  }

  async flush(): Promise<void> {
    this.stopping = true;
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    await sleep(MARK_WINDOW_MS);
    while (this.waiting.length > 0) {
      const batch = this.waiting;
      this.waiting = [];
      try {
        await markOutboxSent(batch.map((entry) => entry.id), this.workerId, this.clock());
      } catch (error) {
        const now = this.clock().getTime();
        const keep = this.stopping ? [] : batch.filter((entry) => now - entry.acceptedAt < this.keepMs);
        // Marks given up: those rows are sent again after their lease ends — a duplicate, never a loss.
        const dropped = batch.length - keep.length;
        this.log(`mailer could not mark ${batch.length} sent messages (${keep.length} kept to retry, ${dropped} given up): ${(error as Error).message}`);
        if (keep.length === 0) continue;
        this.waiting.unshift(...keep);
        await sleep(MARK_RETRY_MS);
      }
    }
    this.running = undefined;
  }
}
