// An admin posts to a maintenance window: moves it along scheduled → in_progress → verifying →
// completed (a window never moves backwards, and a completed one is closed), with notifications,
// audit and roll-up in one transaction.
import "server-only";
import type { Action } from "../action-context";
import { adminIdOf, assertCanEdit } from "../auth/actor";
import { recordAdminAudit } from "../audit/record-audit";
import { db } from "../db";
import { VigilError } from "../errors";
import { lockIncident } from "../incidents/post-update";
import { writeIncidentUpdate } from "../incidents/write-update";
import { lockComponents, refreshComponentStatuses } from "../status/refresh-component-statuses";
import type { PostMaintenanceUpdate } from "./schemas";

const ORDER = ["scheduled", "in_progress", "verifying", "completed"] as const;

export class MaintenanceTransitionError extends VigilError {
  constructor(from: string, to: string) {
    super("conflict", `a maintenance window cannot go from ${from} to ${to}`);
  }
}

export async function postMaintenanceUpdate({ ctx, input: update }: Action<PostMaintenanceUpdate>) {
  const { actor, now, messageIdDomain } = ctx;
  assertCanEdit(actor);
  return db().$transaction(async (tx) => {
    const maintenance = await lockIncident(tx, update.maintenanceId);
    const from = ORDER.indexOf(maintenance.status as (typeof ORDER)[number]);
    const to = ORDER.indexOf(update.status);
    if (maintenance.kind !== "maintenance" || from < 0 || from === ORDER.length - 1 || to < from) {
      throw new MaintenanceTransitionError(maintenance.status, update.status);
    }
    const componentIds = (await tx.incidentComponent.findMany({ where: { incidentId: maintenance.id }, select: { componentId: true } })).map((c) => c.componentId);
    await lockComponents(tx, componentIds);
    await tx.incident.update({
      where: { id: maintenance.id },
      data: { status: update.status, ...(update.status === "completed" ? { resolvedAt: now } : {}) },
    });
    const updateId = await writeIncidentUpdate(tx, {
      incidentId: maintenance.id,
      status: update.status,
      body: update.body,
      notify: update.notify,
      authorId: adminIdOf(actor),
      affected: [],
      notifyComponentIds: componentIds,
      now,
      messageIdDomain,
    });
    await recordAdminAudit(tx, actor, {
      action: "maintenance.update",
      objectType: "maintenance",
      objectId: maintenance.id,
      details: { updateId, from: maintenance.status, to: update.status },
    });
    await refreshComponentStatuses(tx, componentIds, now);
    return { maintenanceId: maintenance.id, updateId, status: update.status };
  });
}
