// Correcting an incident after the fact: its name, impact, affected components and their statuses,
// when it started and ended (backdating allowed, never into the future), and reopening a resolved
// one within REOPEN_WINDOW_DAYS. Each edit is audited with what was there before; an edit that
// changes what subscribers were told (impact, components) notifies them only when asked, through
// one timeline update and its outbox fan-out — in the same transaction, so once.
import "server-only";
import type { Action } from "../action-context";
import { adminIdOf, assertCanEdit } from "../auth/actor";
import { recordAdminAudit } from "../audit/record-audit";
import { db } from "../db";
import { VigilError, type FieldErrors } from "../errors";
import type { ComponentStatus } from "../generated/prisma/enums";
import { COMPONENT_STATUS_LABELS } from "../status/component-status";
import { lockComponents, refreshComponentStatuses } from "../status/refresh-component-statuses";
import { checkIncidentTimes, resolvingUpdate } from "./incident-times";
import { applyIncidentUpdate, IncidentNotFoundError, lockIncident } from "./post-update";
import { REOPEN_WINDOW_DAYS, type EditIncident, type ReopenIncident } from "./schemas";
import { affectedComponents, loadComponents, writeIncidentUpdate } from "./write-update";

export class InvalidIncidentTimesError extends VigilError {
  constructor(fieldErrors: FieldErrors) {
    super("invalid_input", Object.entries(fieldErrors).map(([field, messages]) => `${field} ${messages.join("; ")}`).join("; "), fieldErrors);
  }
}

export class ReopenRefusedError extends VigilError {
  constructor(reason: string) {
    super("conflict", reason);
  }
}

type Link = { componentId: string; status: ComponentStatus };

export async function editIncident({ ctx, input }: Action<EditIncident>) {
  const { actor, now, messageIdDomain } = ctx;
  assertCanEdit(actor);
  return db().$transaction(async (tx) => {
    const incident = await lockIncident(tx, input.incidentId);
    if (incident.kind !== "incident") throw new IncidentNotFoundError(input.incidentId);
    const resolved = incident.status === "resolved" || incident.status === "postmortem";
    const updates = await tx.incidentUpdate.findMany({
      where: { incidentId: incident.id },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, status: true, displayAt: true },
    });
    const timeErrors = checkIncidentTimes({
      now,
      current: { startedAt: incident.startedAt, resolvedAt: incident.resolvedAt, resolved },
      next: { startedAt: input.startedAt, resolvedAt: input.resolvedAt },
      updates,
    });
    if (Object.keys(timeErrors).length > 0) throw new InvalidIncidentTimesError(timeErrors);

    const before: Link[] = await tx.incidentComponent.findMany({ where: { incidentId: incident.id }, select: { componentId: true, status: true } });
    const after = input.components ?? before;
    const touched = [...new Set([...before, ...after].map((link) => link.componentId))];
    await lockComponents(tx, touched);
    const current = await loadComponents(tx, after.map((link) => link.componentId));
    const componentChanges = after.filter((link) => before.find((b) => b.componentId === link.componentId)?.status !== link.status);
    const removed = before.filter((link) => !after.some((a) => a.componentId === link.componentId)).map((link) => link.componentId);
    const componentsChanged = componentChanges.length > 0 || removed.length > 0;
    const impactChanged = input.impact !== undefined && input.impact !== incident.impact;

    if (componentsChanged) {
      await tx.incidentComponent.deleteMany({ where: { incidentId: incident.id, componentId: { in: removed } } });
      for (const link of componentChanges) {
        await tx.incidentComponent.upsert({
          where: { incidentId_componentId: { incidentId: incident.id, componentId: link.componentId } },
          create: { incidentId: incident.id, ...link },
          update: { status: link.status },
        });
      }
      // Automation would fight an admin over these components: the incident is theirs now, and a
      // component taken out of it is free to get its own automatic incident.
      await tx.automaticIncidentClaim.deleteMany({ where: { incidentId: incident.id, componentId: { in: removed } } });
    }
    await tx.incident.update({
      where: { id: incident.id },
      data: {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.impact !== undefined ? { impact: input.impact } : {}),
        ...(input.startedAt ? { startedAt: input.startedAt } : {}),
        ...(input.resolvedAt ? { resolvedAt: input.resolvedAt } : {}),
        ...(componentsChanged && incident.source === "automatic" && !incident.takenOverAt ? { takenOverAt: now } : {}),
      },
    });
    // The timeline says when it was resolved: the resolving update moves with the resolution.
    const resolution = input.resolvedAt ? resolvingUpdate(updates) : null;
    if (resolution && input.resolvedAt) await tx.incidentUpdate.update({ where: { id: resolution.id }, data: { displayAt: input.resolvedAt } });

    let updateId: string | null = null;
    if (input.notify && (impactChanged || componentsChanged)) {
      const names = new Map(current.map((c) => [c.id, c.name]));
      updateId = await writeIncidentUpdate(tx, {
        incidentId: incident.id,
        status: incident.status,
        body: input.note ?? changeSummary(impactChanged ? input.impact! : null, after, names),
        notify: true,
        authorId: adminIdOf(actor),
        affected: affectedComponents(current, componentChanges),
        notifyComponentIds: touched,
        now,
        messageIdDomain,
      });
    }
    await recordAdminAudit(tx, actor, {
      action: "incident.edit",
      objectType: "incident",
      objectId: incident.id,
      details: {
        before: { name: incident.name, impact: incident.impact, startedAt: incident.startedAt.toISOString(), resolvedAt: incident.resolvedAt?.toISOString() ?? null, components: before },
        after: {
          name: input.name,
          impact: input.impact,
          startedAt: input.startedAt?.toISOString(),
          resolvedAt: input.resolvedAt?.toISOString(),
          components: input.components,
        },
        notifiedUpdateId: updateId,
      },
    });
    if (componentsChanged) await refreshComponentStatuses(tx, touched, now);
    return { incidentId: incident.id, notifiedUpdateId: updateId };
  });
}

/** "Impact is now major. Affected components: CMS (Partial outage), Downloads (Operational)." */
function changeSummary(impact: string | null, components: readonly Link[], names: ReadonlyMap<string, string>): string {
  const parts = [];
  if (impact) parts.push(`Impact is now ${impact}.`);
  parts.push(
    components.length > 0
      ? `Affected components: ${components.map((c) => `${names.get(c.componentId)} (${COMPONENT_STATUS_LABELS[c.status]})`).join(", ")}.`
      : "No components are affected.",
  );
  return parts.join(" ");
}

/** A resolved incident that turns out not to be over opens again, with an update saying so. */
export async function reopenIncident({ ctx, input }: Action<ReopenIncident>) {
  assertCanEdit(ctx.actor);
  return db().$transaction(async (tx) => {
    const incident = await lockIncident(tx, input.incidentId);
    if (incident.kind !== "incident") throw new IncidentNotFoundError(input.incidentId);
    if (incident.status !== "resolved" && incident.status !== "postmortem") throw new ReopenRefusedError("this incident is open; post an update instead");
    const resolvedAt = incident.resolvedAt ?? incident.updatedAt;
    if (ctx.now.getTime() - resolvedAt.getTime() > REOPEN_WINDOW_DAYS * 86_400_000) {
      throw new ReopenRefusedError(`an incident can be reopened within ${REOPEN_WINDOW_DAYS} days of its resolution; open a new one`);
    }
    return applyIncidentUpdate(tx, incident, input, ctx, "incident.reopen");
  });
}
