// Turns a claimed batch of `subscriber_webhook` rows into POST bodies (lib/subscriptions/
// webhook-payloads.ts). One status snapshot and a few queries per batch, whatever its size. A row
// resolves to "skip" when its subscriber is no longer confirmed (unsubscribed, paused, removed) and
// to "fail" when what it refers to is gone; the webhook sender settles those without a request.
import "server-only";
import { db } from "../db";
import { env, publicUrl } from "../env";
import { readSnapshotIncidents, readStatusSnapshot } from "../public-read/read-status-snapshot";
import { manageTokenFor, manageUrl } from "../subscriptions/subscriber-links";
import { componentUpdateWebhook, incidentWebhook, type WebhookMeta } from "../subscriptions/webhook-payloads";
import type { ComponentUpdatePayload } from "./enqueue-component-update-webhooks";
import type { ClaimedOutboxMessage } from "./outbox-store";

export type RenderedWebhook =
  | { row: ClaimedOutboxMessage; outcome: "post"; url: string; body: string }
  | { row: ClaimedOutboxMessage; outcome: "skip" | "fail"; reason: string };

/** Where a subscriber's `meta.documentation` points: the subscribe page's section on webhooks. */
export const webhookDocumentationUrl = (base: string) => `${base}/subscribe#webhooks`;

export async function renderWebhookBatch(rows: readonly ClaimedOutboxMessage[], now: Date): Promise<RenderedWebhook[]> {
  const base = publicUrl(env());
  const snapshot = await readStatusSnapshot(now);
  const updateIds = rows.flatMap((r) => (r.incidentUpdateId ? [r.incidentUpdateId] : []));
  const updates = new Map(
    (await db().incidentUpdate.findMany({ where: { id: { in: [...new Set(updateIds)] } }, select: { id: true, incidentId: true } })).map((u) => [u.id, u.incidentId]),
  );
  const incidents = new Map((await readSnapshotIncidents([...updates.values()])).map((incident) => [incident.id, incident]));
  const subscriberIds = rows.flatMap((r) => (r.subscriberId ? [r.subscriberId] : []));
  const subscribers = new Map(
    (await db().subscriber.findMany({ where: { id: { in: [...new Set(subscriberIds)] } }, select: { id: true, status: true, tokenVersion: true } })).map((s) => [s.id, s]),
  );

  const rendered: RenderedWebhook[] = [];
  for (const row of rows) {
    const subscriber = row.subscriberId ? subscribers.get(row.subscriberId) : undefined;
    if (!subscriber || subscriber.status !== "confirmed") {
      rendered.push({ row, outcome: "skip", reason: `skipped: subscriber is ${subscriber?.status ?? "removed"}` });
      continue;
    }
    const meta: WebhookMeta = { unsubscribe: manageUrl(await manageTokenFor(subscriber), base), documentation: webhookDocumentationUrl(base) };
    let payload: object | null;
    if (row.incidentUpdateId) {
      const incidentId = updates.get(row.incidentUpdateId);
      const incident = incidentId ? incidents.get(incidentId) : undefined;
      payload = incident ? incidentWebhook(snapshot, incident, meta) : null;
    } else {
      const { componentUpdate } = (row.payload ?? {}) as Partial<ComponentUpdatePayload>;
      payload = componentUpdate ? componentUpdateWebhook(snapshot, componentUpdate, meta) : null;
    }
    if (payload) rendered.push({ row, outcome: "post", url: row.recipient, body: JSON.stringify(payload) });
    else rendered.push({ row, outcome: "fail", reason: "skipped: the incident update or component was deleted" });
  }
  return rendered;
}
