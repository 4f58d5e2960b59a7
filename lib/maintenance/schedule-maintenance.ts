// Scheduling a maintenance window: an Incident of kind "maintenance" (as in Statuspage's API) with
// its components, a first "scheduled" update and, when asked, subscriber notifications — one
// transaction.
import "server-only";
import { isSystemActor, type Action } from "../action-context";
import { adminIdOf, assertCanEdit } from "../auth/actor";
import { recordAdminAudit } from "../audit/record-audit";
import { db } from "../db";
import { affectedComponents, loadComponents, writeIncidentUpdate } from "../incidents/write-update";
import type { ScheduleMaintenance } from "./schemas";

export type ScheduledMaintenance = { id: string; name: string; status: "scheduled"; scheduledFor: Date; scheduledUntil: Date };

/** An admin (console, admin API) is the author and is audited; Vigil itself schedules unaudited.
 * `now` stamps the first update: scheduling is an act at a moment, not at the window's start. */
export async function scheduleMaintenance({ ctx, input: maintenance }: Action<ScheduleMaintenance>): Promise<ScheduledMaintenance> {
  const { actor, now, messageIdDomain } = ctx;
  assertCanEdit(actor);
  const componentIds = [...new Set(maintenance.componentIds)];
  return db().$transaction(async (tx) => {
    const components = await loadComponents(tx, componentIds);
    const created = await tx.incident.create({
      data: {
        kind: "maintenance",
        name: maintenance.name,
        status: "scheduled",
        impact: "maintenance",
        startedAt: maintenance.scheduledFor,
        scheduledFor: maintenance.scheduledFor,
        scheduledUntil: maintenance.scheduledUntil,
        autoStart: maintenance.autoStart,
        autoComplete: maintenance.autoComplete,
        announcedAt: now,
        components: { create: componentIds.map((componentId) => ({ componentId, status: "under_maintenance" as const })) },
      },
    });
    await writeIncidentUpdate(tx, {
      incidentId: created.id,
      status: "scheduled",
      body: maintenance.body,
      notify: maintenance.notify,
      authorId: adminIdOf(actor),
      // Scheduling changes no status yet; the window's start will.
      affected: affectedComponents(components, components.map((c) => ({ componentId: c.id, status: c.status }))),
      notifyComponentIds: componentIds,
      now,
      messageIdDomain,
    });
    if (!isSystemActor(actor)) {
      await recordAdminAudit(tx, actor, {
        action: "maintenance.schedule",
        objectType: "maintenance",
        objectId: created.id,
        details: { name: maintenance.name, componentIds, scheduledFor: maintenance.scheduledFor.toISOString(), scheduledUntil: maintenance.scheduledUntil.toISOString() },
      });
    }
    return { id: created.id, name: created.name, status: "scheduled", scheduledFor: maintenance.scheduledFor, scheduledUntil: maintenance.scheduledUntil };
  });
}
