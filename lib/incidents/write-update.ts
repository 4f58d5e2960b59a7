// Writes one incident (or maintenance) update and, when it notifies, its outbox fan-out — always in
// the caller's transaction, so an update and its notifications exist together or not at all.
import "server-only";
import type { Prisma } from "../generated/prisma/client";
import { UnknownComponentsError } from "../errors";
import type { ComponentStatus, IncidentStatus } from "../generated/prisma/enums";
import { enqueueUpdateNotifications } from "../outbox/enqueue-update-notifications";

export type AffectedComponent = { componentId: string; name: string; oldStatus: ComponentStatus; newStatus: ComponentStatus };

export type CurrentComponent = { id: string; name: string; status: ComponentStatus };

/** The named components as they are now; UnknownComponentsError names any that do not exist. */
export async function loadComponents(tx: Prisma.TransactionClient, ids: readonly string[]): Promise<CurrentComponent[]> {
  const components = await tx.component.findMany({ where: { id: { in: [...ids] } }, select: { id: true, name: true, status: true } });
  const missing = ids.filter((id) => !components.some((c) => c.id === id));
  if (missing.length > 0) throw new UnknownComponentsError(missing);
  return components;
}

/** Statuspage's affected_components: each changed component's status before and after. */
export function affectedComponents(
  current: readonly CurrentComponent[],
  changes: readonly { componentId: string; status: ComponentStatus }[],
): AffectedComponent[] {
  return changes.map((change) => {
    const component = current.find((c) => c.id === change.componentId)!;
    return { componentId: change.componentId, name: component.name, oldStatus: component.status, newStatus: change.status };
  });
}

export type IncidentUpdateDraft = {
  incidentId: string;
  status: IncidentStatus;
  body: string;
  notify: boolean;
  /** null: posted by Vigil itself. */
  authorId: string | null;
  reasonCode?: string;
  /** Admin-only detail (the probe's own message); never shown publicly. */
  internalDetail?: string | null;
  affected: readonly AffectedComponent[];
  /** Whose subscribers hear about it: the affected components, or all of the incident's. */
  notifyComponentIds: readonly string[];
  now: Date;
  messageIdDomain: string;
  /** Mail waits until then (automatic updates hold theirs for the burst window); default: at once. */
  notifyAt?: Date;
};

export async function writeIncidentUpdate(tx: Prisma.TransactionClient, draft: IncidentUpdateDraft): Promise<string> {
  const created = await tx.incidentUpdate.create({
    data: {
      incidentId: draft.incidentId,
      status: draft.status,
      body: draft.body,
      authorId: draft.authorId,
      automatic: draft.authorId === null,
      notify: draft.notify,
      reasonCode: draft.reasonCode ?? null,
      internalDetail: draft.internalDetail ?? null,
      affectedComponents: [...draft.affected],
      displayAt: draft.now,
      createdAt: draft.now,
    },
  });
  if (draft.notify) {
    await enqueueUpdateNotifications(tx, { id: created.id, componentIds: draft.notifyComponentIds }, draft.messageIdDomain, draft.notifyAt);
  }
  return created.id;
}
