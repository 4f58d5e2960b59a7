// Creates or edits a component group (name, description, order); moveComponentGroup is in move-in-page-order.ts.
import "server-only";
import type { Action } from "../action-context";
import { assertCanEdit } from "../auth/actor";
import { recordAdminAudit } from "../audit/record-audit";
import { db } from "../db";
import { ManagedByConfigError, NotFoundError } from "../errors";
import type { DeleteComponentGroup, SaveComponentGroup } from "./schemas";

export async function saveComponentGroup({ ctx: { actor }, input: { id, ...fields } }: Action<SaveComponentGroup>): Promise<{ id: string; name: string }> {
  assertCanEdit(actor);
  return db().$transaction(async (tx) => {
    if (id) {
      const before = await tx.componentGroup.findUnique({ where: { id } });
      if (!before) throw new NotFoundError("component group", id);
      if (before.managedByConfig) throw new ManagedByConfigError("component group");
      await tx.componentGroup.update({ where: { id }, data: fields });
      await recordAdminAudit(tx, actor, {
        action: "component_group.update",
        objectType: "component_group",
        objectId: id,
        details: { before: { name: before.name, description: before.description, position: before.position }, after: fields },
      });
      return { id, name: fields.name };
    }
    // Without a position a new group goes after the others (not before the seeded ones at 0).
    const last = await tx.componentGroup.aggregate({ _max: { position: true } });
    const data = { ...fields, position: fields.position ?? (last._max.position ?? -1) + 1 };
    const created = await tx.componentGroup.create({ data, select: { id: true, name: true } });
    await recordAdminAudit(tx, actor, { action: "component_group.create", objectType: "component_group", objectId: created.id, details: data });
    return created;
  });
}

/** Deletes a group; its components stay, ungrouped. */
export async function deleteComponentGroup({ ctx: { actor }, input: { id } }: Action<DeleteComponentGroup>): Promise<void> {
  assertCanEdit(actor);
  await db().$transaction(async (tx) => {
    const group = await tx.componentGroup.findUnique({ where: { id } });
    if (!group) throw new NotFoundError("component group", id);
    if (group.managedByConfig) throw new ManagedByConfigError("component group");
    await tx.componentGroup.delete({ where: { id } });
    await recordAdminAudit(tx, actor, { action: "component_group.delete", objectType: "component_group", objectId: id, details: { name: group.name } });
  });
}
