// The webhook sender: delivers `subscriber_webhook` outbox rows (docs/subscriber-webhooks.md) with
// the outbox's own machinery — claimed under a lease with FOR UPDATE SKIP LOCKED, marked sent only
// after the receiver answered 2xx, retried with backoff (longer when the receiver's Retry-After
// says so) on 429, 408, 5xx, network errors and timeouts; any other answer, or an address the SSRF
// guard refuses, fails the delivery at once. Failed deliveries count against the subscriber, who is
// paused at `pauseAfter` in a row (lib/outbox/pause-webhook-subscriber.ts).
//
// A worker killed mid-send leaves its rows leased and unmarked: after the lease they are claimed
// again, so a delivery is never lost and only the one in flight can arrive twice — with the same
// X-Vigil-Delivery header, so a receiver can tell.
import { alertTargetPolicy } from "../lib/alerts/destination";
import { alertAgent, sendAlertRequest } from "../lib/alerts/send-alert";
import { nextAttemptAt, type RetryPolicy } from "../lib/outbox/delivery-policy";
import { claimOutboxBatch, failOutboxMessage, markOutboxSent, nextOutboxDueAt, retryOutboxMessageLater, type ClaimedOutboxMessage } from "../lib/outbox/outbox-store";
import { failWebhookDelivery } from "../lib/outbox/pause-webhook-subscriber";
import { renderWebhookBatch, type RenderedWebhook } from "../lib/outbox/render-webhook-batch";
import { VIGIL_VERSION } from "../lib/version";
import { WakeGate } from "./wake-gate";

export type WebhookSenderOptions = {
  workerId: string;
  batchSize: number;
  leaseMs: number;
  /** One delivery's deadline: connect, request and response. */
  timeoutMs: number;
  retry: RetryPolicy;
  /** Failed deliveries in a row that pause a subscriber. */
  pauseAfter: number;
  /** The domain of the paused-notice email's Message-ID. */
  messageIdDomain: string;
  /** Idle sweep: how long to wait for a wake-up before looking again anyway. */
  sweepMs: number;
  log: (message: string) => void;
  clock: () => Date;
};

export type WebhookSender = { wake(): void; stop(): Promise<void> };

export const DELIVERY_HEADER = "x-vigil-delivery";

/** A refusal as the subscriber reads it: their webhook, and no allowlist hint (a visitor sets none). */
const WEBHOOK_WORDING = { target: "the webhook URL", hint: null };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startWebhookSender(options: WebhookSenderOptions): Promise<WebhookSender> {
  const policy = await alertTargetPolicy();
  const agent = alertAgent(policy, options.timeoutMs);
  const userAgent = `Vigil/${VIGIL_VERSION} (subscriber webhooks)`;
  const gate = new WakeGate();

  const post = async (message: Extract<RenderedWebhook, { outcome: "post" }>) => {
    const { row } = message;
    const now = options.clock();
    const outcome = await sendAlertRequest(
      { url: message.url, body: message.body, headers: { "content-type": "application/json", "user-agent": userAgent, [DELIVERY_HEADER]: row.key } },
      { agent, policy, timeoutMs: options.timeoutMs, now, wording: WEBHOOK_WORDING },
    );
    if (outcome.outcome === "sent") return void (await markOutboxSent([row.id], options.workerId, options.clock()));
    const settledAt = options.clock();
    if (outcome.outcome === "retry") {
      const backoff = nextAttemptAt(row.attempts, settledAt, options.retry);
      if (backoff) {
        const retryAt = new Date(Math.max(backoff.getTime(), settledAt.getTime() + (outcome.retryAfterMs ?? 0)));
        return retryOutboxMessageLater(row.id, options.workerId, outcome.reason, retryAt, settledAt);
      }
    }
    const reason = outcome.outcome === "retry" ? `gave up after ${row.attempts} attempts: ${outcome.reason}` : outcome.reason;
    if (await failWebhookDelivery(row, options.workerId, reason, settledAt, options)) options.log(`webhook subscriber ${row.subscriberId} paused: ${reason}`);
  };

  const settle = async (message: RenderedWebhook) => {
    if (message.outcome === "post") return post(message);
    await failOutboxMessage(message.row, options.workerId, message.reason, options.clock(), { countsAgainstRecipient: false, quarantineAfter: 0 });
  };

  const loop = async () => {
    while (!gate.stopped) {
      gate.beginTurn();
      let rows: ClaimedOutboxMessage[];
      try {
        rows = await claimOutboxBatch({ workerId: options.workerId, limit: options.batchSize, leaseMs: options.leaseMs, now: options.clock(), lane: "webhook" });
      } catch (error) {
        options.log(`webhook sender cannot claim: ${(error as Error).message}`);
        await sleep(Math.min(options.sweepMs, 5_000));
        continue;
      }
      if (rows.length === 0) {
        await gate.waitForDue(() => nextOutboxDueAt("webhook"), options.sweepMs, options.clock);
        continue;
      }
      try {
        // Claimed more often than it may be attempted: its senders died holding it. Give it up.
        const exhausted = rows.filter((row) => row.attempts > options.retry.maxAttempts);
        for (const row of exhausted) await failWebhookDelivery(row, options.workerId, `gave up: claimed ${row.attempts} times without being settled`, options.clock(), options);
        const rendered = await renderWebhookBatch(rows.filter((row) => row.attempts <= options.retry.maxAttempts), options.clock());
        // Side by side: one hung receiver costs its own timeout, not the batch's sum.
        await Promise.all(rendered.map(settle));
      } catch (error) {
        // Rows stay leased; they become claimable again when the lease ends.
        options.log(`webhook batch failed: ${(error as Error).message}`);
        await sleep(1_000);
      }
    }
  };

  const running = loop();
  return {
    wake: () => gate.wake(),
    async stop() {
      gate.stop();
      await running;
      await agent.close();
    },
  };
}
