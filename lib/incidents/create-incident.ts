// An admin opens an incident: the incident, its components' imposed statuses, the first update,
// subscriber notifications, the audit entry and the components' new statuses — one transaction.
import "server-only";
import type { Action } from "../action-context";
import { adminIdOf, assertCanEdit } from "../auth/actor";
import { recordAdminAudit } from "../audit/record-audit";
import { db } from "../db";
import { lockComponents, refreshComponentStatuses } from "../status/refresh-component-statuses";
import type { CreateIncident } from "./schemas";
import { progressTimestamps } from "./incident-progress";
import { affectedComponents, loadComponents, writeIncidentUpdate } from "./write-update";

export async function createIncident({ ctx, input: incident }: Action<CreateIncident>) {
  const { actor, now, messageIdDomain } = ctx;
  assertCanEdit(actor);
  const componentIds = incident.components.map((c) => c.componentId);
  return db().$transaction(async (tx) => {
    await lockComponents(tx, componentIds);
    const components = await loadComponents(tx, componentIds);
    const created = await tx.incident.create({
      data: {
        name: incident.name,
        status: incident.status,
        impact: incident.impact,
        source: "manual",
        startedAt: now,
        ...progressTimestamps(incident.status, now),
        components: { create: incident.components },
      },
    });
    await writeIncidentUpdate(tx, {
      incidentId: created.id,
      status: incident.status,
      body: incident.body,
      notify: incident.notify,
      authorId: adminIdOf(actor),
      affected: affectedComponents(components, incident.components),
      notifyComponentIds: componentIds,
      now,
      messageIdDomain,
    });
    await recordAdminAudit(tx, actor, {
      action: "incident.create",
      objectType: "incident",
      objectId: created.id,
      details: { name: incident.name, impact: incident.impact, status: incident.status, componentIds },
    });
    await refreshComponentStatuses(tx, componentIds, now);
    return { id: created.id, name: created.name, status: created.status, impact: created.impact };
  });
}
