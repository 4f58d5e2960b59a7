// Scheduling a maintenance window: an Incident of kind "maintenance" (as in Statuspage's API) with
// its components, a first "scheduled" update and, when asked, subscriber notifications — one
// transaction.
import "server-only";
import { db } from "../db";
import { affectedComponents, loadComponents, writeIncidentUpdate } from "../incidents/write-update";
import { ScheduleMaintenance } from "./schemas";

export type ScheduledMaintenance = { id: string; name: string; status: "scheduled"; scheduledFor: Date; scheduledUntil: Date };

export async function scheduleMaintenance(input: ScheduleMaintenance, messageIdDomain: string): Promise<ScheduledMaintenance> {
  const maintenance = ScheduleMaintenance.parse(input);
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
        components: { create: componentIds.map((componentId) => ({ componentId, status: "under_maintenance" as const })) },
      },
    });
    await writeIncidentUpdate(tx, {
      incidentId: created.id,
      status: "scheduled",
      body: maintenance.body,
      notify: maintenance.notify,
      authorId: maintenance.authorId,
      // Scheduling changes no status yet; the window's start will.
      affected: affectedComponents(components, components.map((c) => ({ componentId: c.id, status: c.status }))),
      notifyComponentIds: componentIds,
      now: new Date(),
      messageIdDomain,
    });
    return { id: created.id, name: created.name, status: "scheduled", scheduledFor: maintenance.scheduledFor, scheduledUntil: maintenance.scheduledUntil };
  });
}
