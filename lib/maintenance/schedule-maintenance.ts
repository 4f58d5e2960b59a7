// Scheduling a maintenance window: an Incident of kind "maintenance" (as in Statuspage's API) with
// its components, a first "scheduled" update and, when asked, subscriber notifications — one
// transaction.
import "server-only";
import { db } from "../db";
import { UnknownComponentsError } from "../errors";
import { enqueueUpdateNotifications } from "../outbox/enqueue-update-notifications";
import { ScheduleMaintenance } from "./schemas";

export type ScheduledMaintenance = { id: string; name: string; status: "scheduled"; scheduledFor: Date; scheduledUntil: Date };

export async function scheduleMaintenance(input: ScheduleMaintenance, messageIdDomain: string): Promise<ScheduledMaintenance> {
  const maintenance = ScheduleMaintenance.parse(input);
  const componentIds = [...new Set(maintenance.componentIds)];
  return db().$transaction(async (tx) => {
    const components = await tx.component.findMany({ where: { id: { in: componentIds } }, select: { id: true, name: true, status: true } });
    if (components.length !== componentIds.length) {
      throw new UnknownComponentsError(componentIds.filter((id) => !components.some((c) => c.id === id)));
    }
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
        updates: {
          create: {
            status: "scheduled",
            body: maintenance.body,
            authorId: maintenance.authorId,
            automatic: maintenance.authorId === null,
            notify: maintenance.notify,
            affectedComponents: components.map((c) => ({ componentId: c.id, name: c.name, oldStatus: c.status, newStatus: c.status })),
          },
        },
      },
      include: { updates: { select: { id: true } } },
    });
    if (maintenance.notify) await enqueueUpdateNotifications(tx, { id: created.updates[0]!.id, componentIds }, messageIdDomain);
    return { id: created.id, name: created.name, status: "scheduled", scheduledFor: maintenance.scheduledFor, scheduledUntil: maintenance.scheduledUntil };
  });
}
