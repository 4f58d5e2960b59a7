// Changing a maintenance window before it ends: rescheduling (the start only before it started),
// other components, a new name — and calling it off before it starts. Each is audited with what was
// there before. A new start time counts as a new announcement (`announcedAt`): reminders follow it,
// and reminders already queued for the old time are not sent (render-outbox-batch.ts checks).
import "server-only";
import type { Action } from "../action-context";
import { adminIdOf, assertCanEdit } from "../auth/actor";
import { recordAdminAudit } from "../audit/record-audit";
import { db } from "../db";
import { VigilError, type FieldErrors } from "../errors";
import { InvalidTimesError } from "../incidents/incident-times";
import { IncidentNotFoundError, lockIncident } from "../incidents/post-update";
import { loadComponents, writeIncidentUpdate } from "../incidents/write-update";
import { lockComponents, refreshComponentStatuses } from "../status/refresh-component-statuses";
import type { CancelMaintenance, EditMaintenance } from "./schemas";

export class MaintenanceClosedError extends VigilError {
  constructor(status: string) {
    super("conflict", `this maintenance window is ${status.replace("_", " ")}; it can no longer be changed`);
  }
}

const OPEN = ["scheduled", "in_progress", "verifying"];
const sameTime = (a: Date | null, b: Date | undefined) => b === undefined || a?.getTime() === b.getTime();
const at = (date: Date) => date.toISOString().replace("T", " ").slice(0, 16) + " UTC";

export async function editMaintenance({ ctx, input }: Action<EditMaintenance>) {
  const { actor, now, messageIdDomain } = ctx;
  assertCanEdit(actor);
  return db().$transaction(async (tx) => {
    const window = await lockIncident(tx, input.maintenanceId);
    if (window.kind !== "maintenance") throw new IncidentNotFoundError(input.maintenanceId);
    if (!OPEN.includes(window.status)) throw new MaintenanceClosedError(window.status);
    const started = window.status !== "scheduled";
    const moved = !sameTime(window.scheduledFor, input.scheduledFor);
    const extended = !sameTime(window.scheduledUntil, input.scheduledUntil);
    const scheduledFor = input.scheduledFor ?? window.scheduledFor ?? window.startedAt;
    const scheduledUntil = input.scheduledUntil ?? window.scheduledUntil;

    const errors: FieldErrors = {};
    const add = (field: string, message: string) => void (errors[field] ??= []).push(message);
    if (moved && started) add("scheduledFor", "the window has started; only its end can move");
    else if (moved && scheduledFor < now) add("scheduledFor", "cannot be in the past; post an in-progress update to start it now");
    if (extended && scheduledUntil && scheduledUntil <= now) add("scheduledUntil", "must be in the future; post a completed update to end it now");
    if (scheduledUntil && scheduledUntil <= scheduledFor) add("scheduledUntil", "the window must end after it starts");
    if (Object.keys(errors).length > 0) throw new InvalidTimesError(errors);

    const before = (await tx.incidentComponent.findMany({ where: { incidentId: window.id }, select: { componentId: true } })).map((c) => c.componentId);
    const after = input.componentIds ? [...new Set(input.componentIds)] : before;
    const touched = [...new Set([...before, ...after])];
    await lockComponents(tx, touched);
    const components = await loadComponents(tx, after);
    const componentsChanged = after.length !== before.length || after.some((id) => !before.includes(id));
    if (componentsChanged) {
      await tx.incidentComponent.deleteMany({ where: { incidentId: window.id, componentId: { notIn: after } } });
      await tx.incidentComponent.createMany({ data: after.map((componentId) => ({ incidentId: window.id, componentId, status: "under_maintenance" as const })), skipDuplicates: true });
    }
    await tx.incident.update({
      where: { id: window.id },
      data: {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(moved ? { scheduledFor, startedAt: scheduledFor, announcedAt: now } : {}),
        ...(extended ? { scheduledUntil } : {}),
      },
    });

    let updateId: string | null = null;
    if (input.notify && (moved || extended || componentsChanged)) {
      const summary = [
        moved || extended ? `Rescheduled: ${at(scheduledFor)} to ${scheduledUntil ? at(scheduledUntil) : "—"}.` : null,
        componentsChanged ? `Components: ${after.map((id) => components.find((c) => c.id === id)!.name).join(", ")}.` : null,
      ];
      updateId = await writeIncidentUpdate(tx, {
        incidentId: window.id,
        status: window.status,
        body: input.note ?? summary.filter(Boolean).join(" "),
        notify: true,
        authorId: adminIdOf(actor),
        affected: [],
        notifyComponentIds: touched,
        now,
        messageIdDomain,
      });
    }
    await recordAdminAudit(tx, actor, {
      action: "maintenance.edit",
      objectType: "maintenance",
      objectId: window.id,
      details: {
        before: { name: window.name, scheduledFor: window.scheduledFor?.toISOString() ?? null, scheduledUntil: window.scheduledUntil?.toISOString() ?? null, componentIds: before },
        after: { name: input.name, scheduledFor: input.scheduledFor?.toISOString(), scheduledUntil: input.scheduledUntil?.toISOString(), componentIds: input.componentIds },
        notifiedUpdateId: updateId,
      },
    });
    if (started && componentsChanged) await refreshComponentStatuses(tx, touched, now);
    return { maintenanceId: window.id, scheduledFor, scheduledUntil, notifiedUpdateId: updateId };
  });
}

/**
 * A window that has not started is called off; one already under way is completed instead. The
 * notice goes to subscribers only when asked and when they heard of the window (one of its updates
 * notified them): a quiet window is called off quietly, as its start and end would have passed.
 */
export async function cancelMaintenance({ ctx, input }: Action<CancelMaintenance>) {
  const { actor, now, messageIdDomain } = ctx;
  assertCanEdit(actor);
  return db().$transaction(async (tx) => {
    const window = await lockIncident(tx, input.maintenanceId);
    if (window.kind !== "maintenance") throw new IncidentNotFoundError(input.maintenanceId);
    if (window.status !== "scheduled") {
      throw new VigilError("conflict", window.status === "cancelled" ? "this maintenance window is already cancelled" : "only a window that has not started can be cancelled; complete it instead");
    }
    const componentIds = (await tx.incidentComponent.findMany({ where: { incidentId: window.id }, select: { componentId: true } })).map((c) => c.componentId);
    const told = await tx.incidentUpdate.findFirst({ where: { incidentId: window.id, notify: true }, select: { id: true } });
    const notify = input.notify && told !== null;
    await tx.incident.update({ where: { id: window.id }, data: { status: "cancelled" } });
    const updateId = await writeIncidentUpdate(tx, {
      incidentId: window.id,
      status: "cancelled",
      body: input.body,
      notify,
      authorId: adminIdOf(actor),
      affected: [],
      notifyComponentIds: componentIds,
      now,
      messageIdDomain,
    });
    await recordAdminAudit(tx, actor, {
      action: "maintenance.cancel",
      objectType: "maintenance",
      objectId: window.id,
      details: { updateId, notify, scheduledFor: window.scheduledFor?.toISOString() ?? null },
    });
    return { maintenanceId: window.id, updateId, status: "cancelled" as const };
  });
}
