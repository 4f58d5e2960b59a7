// The console's up/down buttons: a group swaps places with the group above or below it, a component
// with its neighbour in the same group, in the one page order (page-order.ts) that the public page,
// /uptime and the console all show. The siblings are locked and renumbered in one transaction, so
// two admins pressing at once both land, one after the other.
import "server-only";
import type { Action } from "../action-context";
import { assertCanEdit } from "../auth/actor";
import { recordAdminAudit } from "../audit/record-audit";
import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { ManagedByConfigError, NotFoundError, VigilError } from "../errors";
import { byPageOrder, swapWithNeighbour, type Ordered } from "./page-order";
import type { MoveComponent, MoveComponentGroup } from "./schemas";

type Sibling = Ordered & { managedByConfig: boolean };

/** The new positions, refusing a move past either end or one that would reorder the configuration file's objects. */
function plan(siblings: Sibling[], id: string, direction: "up" | "down", what: string) {
  const sorted = siblings.toSorted(byPageOrder);
  const index = sorted.findIndex((s) => s.id === id);
  const moved = sorted[index]!;
  const neighbour = sorted[direction === "up" ? index - 1 : index + 1];
  if (!neighbour) throw new VigilError("conflict", `this ${what} is already ${direction === "up" ? "first" : "last"}`);
  if (moved.managedByConfig || neighbour.managedByConfig) throw new ManagedByConfigError(what);
  const renumbered = swapWithNeighbour(sorted, id, direction)!;
  return {
    changed: renumbered.filter(({ item, position }) => item.position !== position),
    from: moved.position,
    to: renumbered.find(({ item }) => item.id === id)!.position,
  };
}

export async function moveComponentGroup({ ctx: { actor }, input: { id, direction } }: Action<MoveComponentGroup>): Promise<void> {
  assertCanEdit(actor);
  await db().$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "ComponentGroup" ORDER BY id FOR UPDATE`;
    const groups = await tx.componentGroup.findMany({ select: { id: true, name: true, position: true, managedByConfig: true } });
    if (!groups.some((g) => g.id === id)) throw new NotFoundError("component group", id);
    const { changed, from, to } = plan(groups, id, direction, "component group");
    for (const { item, position } of changed) await tx.componentGroup.update({ where: { id: item.id }, data: { position } });
    await recordAdminAudit(tx, actor, { action: "component_group.move", objectType: "component_group", objectId: id, details: { direction, from, to } });
  });
}

export async function moveComponent({ ctx: { actor }, input: { id, direction } }: Action<MoveComponent>): Promise<void> {
  assertCanEdit(actor);
  await db().$transaction(async (tx) => {
    const component = await tx.component.findUnique({ where: { id }, select: { groupId: true } });
    if (!component) throw new NotFoundError("component", id);
    const siblings = await lockedSiblings(tx, component.groupId);
    // Moved to another group between the two reads: its siblings are another list now.
    if (!siblings.some((c) => c.id === id)) throw new VigilError("conflict", "this component changed group meanwhile; try again");
    const { changed, from, to } = plan(siblings, id, direction, "component");
    for (const { item, position } of changed) await tx.component.update({ where: { id: item.id }, data: { position } });
    await recordAdminAudit(tx, actor, { action: "component.move", objectType: "component", objectId: id, details: { direction, from, to, groupId: component.groupId } });
  });
}

async function lockedSiblings(tx: Prisma.TransactionClient, groupId: string | null): Promise<Sibling[]> {
  await tx.$queryRaw`SELECT id FROM "Component" WHERE "groupId" IS NOT DISTINCT FROM ${groupId} ORDER BY id FOR UPDATE`;
  return tx.component.findMany({ where: { groupId }, select: { id: true, name: true, position: true, managedByConfig: true } });
}
