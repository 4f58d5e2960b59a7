// "Send a test alert" (console button, `npm run -s alerts -- test NAME`): sends at once, bypassing
// the queue and the rules, so the answer is the receiver's own — delivered, or why not. An email
// channel queues one test email per address through the outbox.
import "server-only";
import type { Action } from "../action-context";
import { assertCanEdit } from "../auth/actor";
import { recordAdminAudit } from "../audit/record-audit";
import { db } from "../db";
import { NotFoundError } from "../errors";
import { publicUrl } from "../env";
import { openChannel, sendAlert, type AlertSender } from "./alert-sender";
import { testEvent } from "./alert-events";
import { emailAlertRows } from "./emit-alerts";
import type { SendTestAlert } from "./schemas";
import { alertSecretKey } from "./secret-box";
import { wakeMailers } from "../outbox/wake-mailer";

export type TestAlertResult = { delivered: boolean; message: string };

export async function sendTestAlert({ ctx, input }: Action<SendTestAlert>, sender: AlertSender): Promise<TestAlertResult> {
  assertCanEdit(ctx.actor);
  const row = await db().alertChannel.findUnique({ where: { name: input.name } });
  if (!row) throw new NotFoundError("alert channel", input.name);
  const event = testEvent(row.name, ctx.now, publicUrl());
  let result: TestAlertResult;
  if (row.kind === "email") {
    const rows = emailAlertRows(event, row, ctx.messageIdDomain);
    await db().$transaction(async (tx) => {
      await tx.outboxMessage.createMany({ data: rows, skipDuplicates: true });
      await wakeMailers(tx);
    });
    result = { delivered: true, message: `queued a test email to ${rows.map((r) => r.recipient).join(", ")} (see the console's mail pages for its delivery)` };
  } else {
    let outcome;
    try {
      outcome = await sendAlert(openChannel({ ...row, kind: row.kind }, await alertSecretKey()), event, sender, ctx.now);
    } catch (error) {
      outcome = { outcome: "refused" as const, reason: `cannot open the channel's secrets: ${(error as Error).message}` };
    }
    result =
      outcome.outcome === "sent"
        ? { delivered: true, message: `the receiver accepted the test alert (HTTP ${outcome.status})` }
        : { delivered: false, message: outcome.outcome === "retry" ? `the receiver did not take it (would be retried): ${outcome.reason}` : outcome.reason };
  }
  await db().$transaction((tx) =>
    recordAdminAudit(tx, ctx.actor, { action: "alert_channel.test", objectType: "alert_channel", objectId: row.id, details: { name: row.name, delivered: result.delivered } }),
  );
  return result;
}
