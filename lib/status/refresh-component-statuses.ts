// Recomputes components' statuses from their monitors, open incidents and maintenance in progress
// (rules: component-rollup.ts) and records each change. Runs inside the caller's transaction with
// the component rows locked, so concurrent refreshes serialise and the last one sees every change.
// Each change is also fanned out to webhook subscribers (component_update) in the same transaction.
import "server-only";
import type { Prisma } from "../generated/prisma/client";
import type { ComponentStatus } from "../generated/prisma/enums";
import { enqueueComponentUpdateWebhooks } from "../outbox/enqueue-component-update-webhooks";
import { rollUpComponentStatus } from "./component-rollup";

/** Incident states in which an incident still imposes its component statuses. */
const OPEN_INCIDENT_STATUSES = ["investigating", "identified", "monitoring", "in_progress", "verifying"] as const;

export type ComponentStatusTransition = { componentId: string; from: ComponentStatus; to: ComponentStatus; at: Date };

export async function refreshComponentStatuses(
  tx: Prisma.TransactionClient,
  componentIds: readonly string[],
  now: Date,
): Promise<ComponentStatusTransition[]> {
  const ids = await lockComponents(tx, componentIds);
  if (ids.length === 0) return [];
  const components = await tx.component.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      status: true,
      monitors: { where: { enabled: true }, select: { state: true } },
      incidents: {
        where: { incident: { status: { in: [...OPEN_INCIDENT_STATUSES] } } },
        select: { status: true, incident: { select: { kind: true, status: true } } },
      },
    },
  });

  const transitions: ComponentStatusTransition[] = [];
  for (const component of components) {
    const status = rollUpComponentStatus({
      monitorStates: component.monitors.map((monitor) => monitor.state),
      incidentStatuses: component.incidents.filter((link) => link.incident.kind === "incident").map((link) => link.status),
      maintenanceInProgress: component.incidents.some((link) => link.incident.kind === "maintenance"),
    });
    if (status !== component.status) transitions.push({ componentId: component.id, from: component.status, to: status, at: now });
  }
  for (const transition of transitions) {
    await tx.component.update({ where: { id: transition.componentId }, data: { status: transition.to, statusChangedAt: now } });
    const change = await tx.componentStatusChange.create({ data: { componentId: transition.componentId, status: transition.to, changedAt: now }, select: { id: true } });
    await enqueueComponentUpdateWebhooks(tx, { id: change.id, ...transition });
  }
  return transitions;
}

/**
 * Locks component rows in id order (always after any monitor rows), so transactions that touch
 * overlapping components wait for each other instead of deadlocking. Returns the sorted ids.
 */
export async function lockComponents(tx: Prisma.TransactionClient, componentIds: readonly string[]): Promise<string[]> {
  const ids = [...new Set(componentIds)].sort();
  if (ids.length > 0) await tx.$queryRaw`SELECT id FROM "Component" WHERE id = ANY(${ids}) ORDER BY id FOR UPDATE`;
  return ids;
}
