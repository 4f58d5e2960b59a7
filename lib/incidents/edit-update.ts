// Correcting the record: editing or deleting an update, and publishing a postmortem. Each leaves an
// audit entry with what was there before; notifications already sent are not re-sent.
import "server-only";
import type { Action } from "../action-context";
import { assertCanEdit } from "../auth/actor";
import { recordAdminAudit } from "../audit/record-audit";
import { db } from "../db";
import { VigilError } from "../errors";
import { lockIncident } from "./post-update";
import type { DeleteIncidentUpdate, EditIncidentUpdate, PublishPostmortem } from "./schemas";

export class UpdateNotFoundError extends VigilError {
  constructor(id: string) {
    super("not_found", `no incident update with id ${id}`);
  }
}

export class LastUpdateError extends VigilError {
  constructor() {
    super("conflict", "an incident keeps at least one update; edit it instead");
  }
}

export class NotResolvedError extends VigilError {
  constructor() {
    super("conflict", "a postmortem follows a resolved incident; resolve it first");
  }
}

export async function editIncidentUpdate({ ctx: { actor }, input: { updateId, body } }: Action<EditIncidentUpdate>) {
  assertCanEdit(actor);
  return db().$transaction(async (tx) => {
    const before = await tx.incidentUpdate.findUnique({ where: { id: updateId } });
    if (!before) throw new UpdateNotFoundError(updateId);
    await tx.incidentUpdate.update({ where: { id: updateId }, data: { body } });
    await recordAdminAudit(tx, actor, {
      action: "incident_update.edit",
      objectType: "incident_update",
      objectId: updateId,
      details: { incidentId: before.incidentId, before: before.body, after: body },
    });
  });
}

export async function deleteIncidentUpdate({ ctx: { actor }, input: { updateId } }: Action<DeleteIncidentUpdate>) {
  assertCanEdit(actor);
  return db().$transaction(async (tx) => {
    const update = await tx.incidentUpdate.findUnique({ where: { id: updateId } });
    if (!update) throw new UpdateNotFoundError(updateId);
    await lockIncident(tx, update.incidentId);
    if ((await tx.incidentUpdate.count({ where: { incidentId: update.incidentId } })) <= 1) throw new LastUpdateError();
    await tx.incidentUpdate.delete({ where: { id: updateId } });
    await recordAdminAudit(tx, actor, {
      action: "incident_update.delete",
      objectType: "incident_update",
      objectId: updateId,
      details: { incidentId: update.incidentId, status: update.status, body: update.body },
    });
  });
}

export async function publishPostmortem({ ctx: { actor, now }, input: { incidentId, body } }: Action<PublishPostmortem>) {
  assertCanEdit(actor);
  return db().$transaction(async (tx) => {
    const incident = await lockIncident(tx, incidentId);
    if (incident.status !== "resolved" && incident.status !== "postmortem") throw new NotResolvedError();
    await tx.incident.update({ where: { id: incidentId }, data: { status: "postmortem", postmortemBody: body, postmortemPublishedAt: now } });
    await recordAdminAudit(tx, actor, {
      action: "incident.postmortem",
      objectType: "incident",
      objectId: incidentId,
      details: { previous: incident.postmortemBody },
    });
  });
}
