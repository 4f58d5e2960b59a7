// Creates or edits a component (name, description, group, order, visibility). Status is not set
// here: it is rolled up from monitors, incidents and maintenance.
import "server-only";
import type { Action } from "../action-context";
import { assertCanEdit } from "../auth/actor";
import { recordAdminAudit } from "../audit/record-audit";
import { db } from "../db";
import { ManagedByConfigError, NotFoundError } from "../errors";
import type { SaveComponent } from "./schemas";

export type ComponentSaved = { id: string; name: string };

export async function saveComponent({ ctx: { actor }, input: { id, ...fields } }: Action<SaveComponent>): Promise<ComponentSaved> {
  assertCanEdit(actor);
  return db().$transaction(async (tx) => {
    if (fields.groupId && !(await tx.componentGroup.findUnique({ where: { id: fields.groupId }, select: { id: true } }))) {
      throw new NotFoundError("component group", fields.groupId);
    }
    if (id) {
      const before = await tx.component.findUnique({ where: { id } });
      if (!before) throw new NotFoundError("component", id);
      if (before.managedByConfig) throw new ManagedByConfigError("component");
      await tx.component.update({ where: { id }, data: fields });
      await recordAdminAudit(tx, actor, {
        action: "component.update",
        objectType: "component",
        objectId: id,
        details: { before: { name: before.name, description: before.description, groupId: before.groupId, position: before.position, showcase: before.showcase, onlyShowIfDegraded: before.onlyShowIfDegraded }, after: fields },
      });
      return { id, name: fields.name };
    }
    // Without a position a new component goes last in its group.
    const last = await tx.component.aggregate({ where: { groupId: fields.groupId }, _max: { position: true } });
    const data = { ...fields, position: fields.position ?? (last._max.position ?? -1) + 1 };
    const created = await tx.component.create({ data, select: { id: true, name: true } });
    await recordAdminAudit(tx, actor, { action: "component.create", objectType: "component", objectId: created.id, details: data });
    return created;
  });
}
