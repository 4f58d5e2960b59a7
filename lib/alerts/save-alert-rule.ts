// Alert rules made in the console (owners and editors), beside those of the config file: the file's
// are read-only here and replaced when it is applied; the console's stay until removed here. Every
// channel, component and group a rule names must exist when it is saved (a field error otherwise).
// Audited with what the rule says.
import "server-only";
import type { Action } from "../action-context";
import { assertCanEdit } from "../auth/actor";
import { recordAdminAudit } from "../audit/record-audit";
import { db } from "../db";
import { ManagedByConfigError, NotFoundError, VigilError } from "../errors";
import type { DeleteAlertRule, SaveAlertRule } from "./schemas";

export async function saveAlertRule({ ctx, input }: Action<SaveAlertRule>): Promise<{ id: string; created: boolean }> {
  assertCanEdit(ctx.actor);
  return db().$transaction(async (tx) => {
    const existing = input.id ? await tx.alertRule.findUnique({ where: { id: input.id } }) : null;
    if (input.id && !existing) throw new NotFoundError("alert rule", input.id);
    if (existing?.managedByConfig) throw new ManagedByConfigError("alert rule");

    const [channels, components, groups] = await Promise.all([
      tx.alertChannel.findMany({ where: { name: { in: input.channels } }, select: { name: true } }),
      tx.component.findMany({ where: { id: { in: input.componentIds } }, select: { id: true } }),
      tx.componentGroup.findMany({ where: { id: { in: input.groupIds } }, select: { id: true } }),
    ]);
    const missing = (field: string, wanted: string[], found: string[], what: string) => {
      const unknown = wanted.filter((value) => !found.includes(value));
      return unknown.length > 0 ? { [field]: [`no ${what} ${unknown.join(", ")}`] } : {};
    };
    const fieldErrors = {
      ...missing("channels", input.channels, channels.map((c) => c.name), "channel named"),
      ...missing("componentIds", input.componentIds, components.map((c) => c.id), "component with id"),
      ...missing("groupIds", input.groupIds, groups.map((g) => g.id), "group with id"),
    };
    if (Object.keys(fieldErrors).length > 0) throw new VigilError("invalid_input", "the rule names something that does not exist", fieldErrors);

    const rule = { channels: input.channels, events: input.events, componentIds: input.componentIds, groupIds: input.groupIds };
    const saved = existing
      ? await tx.alertRule.update({ where: { id: existing.id }, data: rule })
      : await tx.alertRule.create({ data: { ...rule, position: ((await tx.alertRule.aggregate({ _max: { position: true } }))._max.position ?? -1) + 1 } });
    await recordAdminAudit(tx, ctx.actor, { action: existing ? "alert_rule.update" : "alert_rule.create", objectType: "alert_rule", objectId: saved.id, details: rule });
    return { id: saved.id, created: !existing };
  });
}

export async function deleteAlertRule({ ctx, input }: Action<DeleteAlertRule>): Promise<void> {
  assertCanEdit(ctx.actor);
  await db().$transaction(async (tx) => {
    const existing = await tx.alertRule.findUnique({ where: { id: input.id } });
    if (!existing) throw new NotFoundError("alert rule", input.id);
    if (existing.managedByConfig) throw new ManagedByConfigError("alert rule");
    await tx.alertRule.delete({ where: { id: existing.id } });
    const { channels, events, componentIds, groupIds } = existing;
    await recordAdminAudit(tx, ctx.actor, { action: "alert_rule.delete", objectType: "alert_rule", objectId: existing.id, details: { channels, events, componentIds, groupIds } });
  });
}
