// Creates or edits a monitor. The planner reads monitors afresh every window, so changes apply
// within seconds. Moving a monitor between components, or pausing it, re-rolls both components.
import "server-only";
import { ZodError } from "zod";
import type { Action, SystemActor } from "../action-context";
import { assertCanEdit, type Actor } from "../auth/actor";
import { recordAdminAudit } from "../audit/record-audit";
import { blockedTargetReason } from "../checks/blocked-target";
import { probePolicy } from "../checks/probe-policy";
import type { MonitorKind } from "../checks/schemas";
import { BLOCKED_ADDRESS_HINT, compilePolicy } from "../checks/ssrf-guard";
import { env } from "../env";
import { ManagedByConfigError, NotFoundError } from "../errors";
import { db } from "../db";
import { Prisma } from "../generated/prisma/client";
import { refreshComponentStatuses } from "../status/refresh-component-statuses";
import type { DeleteMonitor, SaveMonitor, SetMonitorPaused } from "./schemas";

export type MonitorSaved = { id: string; name: string };

/**
 * A target the probes would refuse (see ssrf-guard.ts) is not saved: a field error, and an audit
 * entry, since pointing a monitor at internal services is what an intruder with an editor's
 * session would try.
 */
async function refuseBlockedTarget(actor: Actor | SystemActor, id: string | undefined, check: { kind: MonitorKind; target: string }): Promise<void> {
  const reason = await blockedTargetReason(check, compilePolicy(await probePolicy(env())));
  if (!reason) return;
  await db().$transaction((tx) =>
    recordAdminAudit(tx, actor, { action: "monitor.target_blocked", objectType: "monitor", objectId: id ?? null, details: { ...check, reason } }),
  );
  const message = `Vigil does not probe this target: ${reason}; ${BLOCKED_ADDRESS_HINT}`;
  throw new ZodError([{ code: "custom", path: ["target"], message, input: check.target }]);
}

export async function saveMonitor({ ctx: { actor, now }, input: { id, expectations, ...fields } }: Action<SaveMonitor>): Promise<MonitorSaved> {
  assertCanEdit(actor);
  await refuseBlockedTarget(actor, id, fields);
  const data = { ...fields, expectations: expectations as Prisma.InputJsonObject };
  return db().$transaction(async (tx) => {
    if (fields.componentId && !(await tx.component.findUnique({ where: { id: fields.componentId }, select: { id: true } }))) {
      throw new NotFoundError("component", fields.componentId);
    }
    if (id) {
      const before = await tx.monitor.findUnique({ where: { id } });
      if (!before) throw new NotFoundError("monitor", id);
      if (before.managedByConfig) throw new ManagedByConfigError("monitor");
      // A new target or kind is a new monitor as far as evidence goes: start from unknown.
      const reset =
        before.kind !== fields.kind || before.target !== fields.target
          ? { state: "unknown" as const, stateMemory: Prisma.DbNull, stateChangedAt: now, certExpiresAt: null, certSeenAt: null }
          : {};
      await tx.monitor.update({ where: { id }, data: { ...data, ...reset } });
      await recordAdminAudit(tx, actor, {
        action: "monitor.update",
        objectType: "monitor",
        objectId: id,
        details: { before: { name: before.name, kind: before.kind, target: before.target, enabled: before.enabled, componentId: before.componentId }, after: { ...fields, expectations } } as Prisma.InputJsonObject,
      });
      await refreshComponentStatuses(tx, [before.componentId, fields.componentId].filter((c): c is string => !!c), now);
      return { id, name: fields.name };
    }
    const created = await tx.monitor.create({ data: { ...data, stateChangedAt: now }, select: { id: true, name: true } });
    await recordAdminAudit(tx, actor, { action: "monitor.create", objectType: "monitor", objectId: created.id, details: { ...fields, expectations } as Prisma.InputJsonObject });
    return created;
  });
}

/** Pauses (enabled=false) or resumes a monitor. A paused monitor is not probed and not rolled up. */
export async function setMonitorPaused({ ctx: { actor, now }, input: { id, paused } }: Action<SetMonitorPaused>): Promise<void> {
  assertCanEdit(actor);
  await db().$transaction(async (tx) => {
    const monitor = await tx.monitor.findUnique({ where: { id }, select: { managedByConfig: true, componentId: true, enabled: true } });
    if (!monitor) throw new NotFoundError("monitor", id);
    if (monitor.managedByConfig) throw new ManagedByConfigError("monitor");
    if (monitor.enabled === !paused) return;
    // Resumed monitors start from unknown: what they knew before the pause is stale.
    await tx.monitor.update({ where: { id }, data: paused ? { enabled: false } : { enabled: true, state: "unknown", stateMemory: Prisma.DbNull, stateChangedAt: now } });
    await recordAdminAudit(tx, actor, { action: paused ? "monitor.pause" : "monitor.resume", objectType: "monitor", objectId: id });
    if (monitor.componentId) await refreshComponentStatuses(tx, [monitor.componentId], now);
  });
}

export async function deleteMonitor({ ctx: { actor, now }, input: { id } }: Action<DeleteMonitor>): Promise<void> {
  assertCanEdit(actor);
  await db().$transaction(async (tx) => {
    const monitor = await tx.monitor.findUnique({ where: { id }, select: { name: true, managedByConfig: true, componentId: true } });
    if (!monitor) throw new NotFoundError("monitor", id);
    if (monitor.managedByConfig) throw new ManagedByConfigError("monitor");
    await tx.monitor.delete({ where: { id } });
    await recordAdminAudit(tx, actor, { action: "monitor.delete", objectType: "monitor", objectId: id, details: { name: monitor.name } });
    if (monitor.componentId) await refreshComponentStatuses(tx, [monitor.componentId], now);
  });
}
