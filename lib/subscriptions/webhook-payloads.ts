// What a webhook subscriber receives: Statuspage's webhook payloads (docs/subscriber-webhooks.md),
// built from the status snapshot with the same mappers as /api/v2, so an `incident` here is the
// incident of /api/v2/incidents.json. Pure: the webhook sender loads the data.
//   incident event:          { meta, page, incident }
//   component_update event:  { meta, page, component_update, component }
import type { ComponentStatus } from "../generated/prisma/enums";
import type { IncidentV2, PlainComponentV2, ScheduledMaintenanceV2 } from "../public-read/statuspage/schemas";
import { componentListV2, incidentV2, maintenanceV2 } from "../public-read/statuspage/statuspage-v2";
import { formatZonedIso } from "../public-read/statuspage/zoned-time";
import type { SnapshotIncident, StatusSnapshot } from "../public-read/status-snapshot-types";

/** `unsubscribe`: the subscriber's manage page (its Unsubscribe button); `documentation`: what they receive. */
export type WebhookMeta = { unsubscribe: string; documentation: string };
export type WebhookPage = { id: string; status_indicator: string; status_description: string };
export type IncidentWebhook = { meta: WebhookMeta; page: WebhookPage; incident: IncidentV2 | ScheduledMaintenanceV2 };
export type ComponentUpdateWebhook = {
  meta: WebhookMeta;
  page: WebhookPage;
  component_update: { created_at: string; new_status: ComponentStatus; old_status: ComponentStatus; id: string; component_id: string };
  component: PlainComponentV2;
};

function webhookPage(snapshot: StatusSnapshot): WebhookPage {
  return { id: snapshot.page.id, status_indicator: snapshot.status.indicator, status_description: snapshot.status.description };
}

/** Maintenance is an incident to Statuspage's webhooks too, with its own statuses and window. */
export function incidentWebhook(snapshot: StatusSnapshot, incident: SnapshotIncident, meta: WebhookMeta): IncidentWebhook {
  return { meta, page: webhookPage(snapshot), incident: incident.kind === "maintenance" ? maintenanceV2(snapshot, incident) : incidentV2(snapshot, incident) };
}

/** Null when the component is gone from the page (deleted since the change). */
export function componentUpdateWebhook(
  snapshot: StatusSnapshot,
  update: { id: string; componentId: string; oldStatus: ComponentStatus; newStatus: ComponentStatus; createdAt: string },
  meta: WebhookMeta,
): ComponentUpdateWebhook | null {
  const component = componentListV2(snapshot).find((c): c is PlainComponentV2 => c.id === update.componentId && !c.group);
  if (!component) return null;
  return {
    meta,
    page: webhookPage(snapshot),
    component_update: {
      created_at: formatZonedIso(update.createdAt, snapshot.page.timeZone),
      new_status: update.newStatus,
      old_status: update.oldStatus,
      id: update.id,
      component_id: update.componentId,
    },
    component,
  };
}
