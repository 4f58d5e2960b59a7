// Deletes a component. Its monitors stay (unattached) so their history is not lost by accident;
// incident links and uptime history go with it.
import "server-only";
import type { Action } from "../action-context";
import { assertCanEdit } from "../auth/actor";
import { recordAdminAudit } from "../audit/record-audit";
import { db } from "../db";
import { ManagedByConfigError, NotFoundError } from "../errors";
import type { DeleteComponent } from "./schemas";

export async function deleteComponent({ ctx: { actor }, input: { id } }: Action<DeleteComponent>): Promise<void> {
  assertCanEdit(actor);
  await db().$transaction(async (tx) => {
    const component = await tx.component.findUnique({ where: { id } });
    if (!component) throw new NotFoundError("component", id);
    if (component.managedByConfig) throw new ManagedByConfigError("component");
    await tx.component.delete({ where: { id } });
    await recordAdminAudit(tx, actor, { action: "component.delete", objectType: "component", objectId: id, details: { name: component.name } });
  });
}
