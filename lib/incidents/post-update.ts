// An admin posts an update: the incident's new status (and components' statuses), the update,
// notifications, audit and roll-up in one transaction. Posting to an automatic incident takes it
// over: automation never touches it again, and resolving it releases the component's claim, so
// old or re-delivered results cannot reopen it.
import "server-only";
import type { Action, ActionContext } from "../action-context";
import { adminIdOf, assertCanEdit } from "../auth/actor";
import { recordAdminAudit } from "../audit/record-audit";
import { db } from "../db";
import { VigilError } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { lockComponents, refreshComponentStatuses } from "../status/refresh-component-statuses";
import { progressTimestamps } from "./incident-progress";
import type { PostIncidentUpdate, TakeOverIncident } from "./schemas";
import { affectedComponents, loadComponents, writeIncidentUpdate } from "./write-update";

export class IncidentNotFoundError extends VigilError {
  constructor(id: string) {
    super("not_found", `no incident with id ${id}`);
  }
}

export class IncidentClosedError extends VigilError {
  constructor() {
    super("conflict", "this incident is resolved; open a new one or publish a postmortem");
  }
}

export async function postIncidentUpdate({ ctx, input: update }: Action<PostIncidentUpdate>) {
  assertCanEdit(ctx.actor);
  return db().$transaction(async (tx) => {
    const incident = await lockIncident(tx, update.incidentId);
    if (incident.status === "resolved" || incident.status === "postmortem" || incident.kind !== "incident") throw new IncidentClosedError();
    return applyIncidentUpdate(tx, incident, update, ctx, "incident.update");
  });
}

type LockedIncident = Awaited<ReturnType<typeof lockIncident>>;

/**
 * Posts `update` to a locked incident: components' imposed statuses, the incident's status, the
 * update with its notifications, the audit entry and the roll-up. An admin posting to an automatic
 * incident takes it over; resolving releases the component's claim. Shared by posting and reopening.
 */
export async function applyIncidentUpdate(
  tx: Prisma.TransactionClient,
  incident: LockedIncident,
  update: PostIncidentUpdate,
  { actor, now, messageIdDomain }: ActionContext,
  action: "incident.update" | "incident.reopen",
) {
  const linked = await tx.incidentComponent.findMany({ where: { incidentId: incident.id }, select: { componentId: true } });
  const allComponentIds = [...new Set([...linked.map((l) => l.componentId), ...update.components.map((c) => c.componentId)])];
  await lockComponents(tx, allComponentIds);
  const changed = await loadComponents(tx, update.components.map((c) => c.componentId));

  for (const change of update.components) {
    await tx.incidentComponent.upsert({
      where: { incidentId_componentId: { incidentId: incident.id, componentId: change.componentId } },
      create: { incidentId: incident.id, componentId: change.componentId, status: change.status },
      update: { status: change.status },
    });
  }
  await tx.incident.update({
    where: { id: incident.id },
    data: {
      status: update.status,
      ...(action === "incident.reopen" ? { resolvedAt: null } : {}),
      ...progressTimestamps(update.status, now),
      ...(incident.source === "automatic" && !incident.takenOverAt ? { takenOverAt: now } : {}),
    },
  });
  if (update.status === "resolved") await tx.automaticIncidentClaim.deleteMany({ where: { incidentId: incident.id } });
  const updateId = await writeIncidentUpdate(tx, {
    incidentId: incident.id,
    status: update.status,
    body: update.body,
    notify: update.notify,
    authorId: adminIdOf(actor),
    affected: affectedComponents(changed, update.components),
    notifyComponentIds: allComponentIds,
    now,
    messageIdDomain,
  });
  await recordAdminAudit(tx, actor, {
    action,
    objectType: "incident",
    objectId: incident.id,
    details: { updateId, status: update.status, notify: update.notify, components: update.components },
  });
  await refreshComponentStatuses(tx, allComponentIds, now);
  return { incidentId: incident.id, updateId, status: update.status };
}

/** Takes an automatic incident over without posting: automation stops touching it. */
export async function takeOverIncident({ ctx: { actor, now }, input: { incidentId } }: Action<TakeOverIncident>): Promise<boolean> {
  assertCanEdit(actor);
  return db().$transaction(async (tx) => {
    const { count } = await tx.incident.updateMany({
      where: { id: incidentId, source: "automatic", takenOverAt: null },
      data: { takenOverAt: now },
    });
    if (count > 0) {
      await recordAdminAudit(tx, actor, { action: "incident.take_over", objectType: "incident", objectId: incidentId });
    }
    return count > 0;
  });
}

export async function lockIncident(tx: Prisma.TransactionClient, id: string) {
  await tx.$queryRaw`SELECT id FROM "Incident" WHERE id = ${id} FOR UPDATE`;
  const incident = await tx.incident.findUnique({ where: { id } });
  if (!incident) throw new IncidentNotFoundError(id);
  return incident;
}
