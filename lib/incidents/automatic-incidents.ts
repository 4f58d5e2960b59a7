// Automatic incidents: a monitor confirmed down opens its component's automatic incident (or joins
// the open one — never two for one outage); when none of the component's monitors is down any more
// the incident moves to "monitoring", and after a quiet period it resolves itself. An incident an
// admin took over is left alone. All of it runs in the caller's transaction with the component rows
// locked, and AutomaticIncidentClaim (one row per component) keeps racing workers to one incident.
import "server-only";
import type { Prisma } from "../generated/prisma/client";
import type { ComponentStatus } from "../generated/prisma/enums";
import type { ConfirmedMonitor, MonitorTransition } from "../monitors/confirm-monitor-states";
import { componentsUnderMaintenance } from "../maintenance/components-under-maintenance";
import { incidentImpactFor, statusFromMonitors } from "../status/component-rollup";
import { writeIncidentUpdate, type IncidentUpdateDraft } from "./write-update";

export type AutomaticIncidentOptions = { messageIdDomain: string };

export async function applyAutomaticIncidents(
  tx: Prisma.TransactionClient,
  transitions: readonly MonitorTransition[],
  now: Date,
  options: AutomaticIncidentOptions,
): Promise<void> {
  const underMaintenance = await componentsUnderMaintenance(
    tx,
    transitions.flatMap((t) => (t.componentId ? [t.componentId] : [])),
  );
  for (const transition of transitions) {
    if (!transition.componentId) continue;
    // Failures inside a maintenance window are expected: no incident.
    if (transition.to === "down" && underMaintenance.has(transition.componentId)) continue;
    if (transition.to === "down") await openOrJoin(tx, transition, transition.componentId, now, options);
    else if (transition.to === "up" || transition.to === "degraded") {
      await markRecovering(tx, transition.componentId, now, options, transition.flapping);
    }
  }
}

async function openOrJoin(
  tx: Prisma.TransactionClient,
  transition: MonitorTransition,
  componentId: string,
  now: Date,
  options: AutomaticIncidentOptions,
) {
  const component = await tx.component.findUniqueOrThrow({
    where: { id: componentId },
    select: { name: true, status: true, monitors: { where: { enabled: true }, select: { state: true } } },
  });
  const monitor = await tx.monitor.findUniqueOrThrow({ where: { id: transition.monitorId }, select: { name: true } });
  const failure = await latestFailure(tx, transition);
  const imposed: ComponentStatus = statusFromMonitors(component.monitors.map((m) => m.state));
  const body = `${monitor.name} failed: ${failure.message}`;
  const claim = await tx.automaticIncidentClaim.findUnique({ where: { componentId }, include: { incident: true } });

  if (claim) {
    if (claim.incident.takenOverAt) return; // an admin owns it now
    const relapse = claim.incident.status === "monitoring";
    const link = await tx.incidentComponent.findUnique({ where: { incidentId_componentId: { incidentId: claim.incidentId, componentId } } });
    // Another monitor of an outage already on the timeline says nothing new unless it is worse.
    if (!relapse && link?.status === imposed) return;
    await tx.incident.update({
      where: { id: claim.incidentId },
      data: {
        status: relapse ? "investigating" : claim.incident.status,
        impact: incidentImpactFor([imposed]),
        name: incidentName(component.name, imposed),
      },
    });
    await tx.incidentComponent.update({ where: { incidentId_componentId: { incidentId: claim.incidentId, componentId } }, data: { status: imposed } });
    await postUpdate(tx, {
      incidentId: claim.incidentId,
      status: relapse ? "investigating" : claim.incident.status,
      body: relapse ? `Failing again. ${body}` : body,
      reasonCode: failure.code,
      notify: relapse && !transition.flapping,
      affected: [{ componentId, name: component.name, oldStatus: component.status, newStatus: imposed }],
      now,
      options,
    });
    return;
  }

  const incident = await tx.incident.create({
    data: {
      name: incidentName(component.name, imposed),
      status: "investigating",
      impact: incidentImpactFor([imposed]),
      source: "automatic",
      startedAt: now,
      components: { create: { componentId, status: imposed } },
      automaticClaims: { create: { componentId } },
    },
  });
  await postUpdate(tx, {
    incidentId: incident.id,
    status: "investigating",
    body,
    reasonCode: failure.code,
    // A flapping monitor opens its incident quietly; notifications wait until it settles.
    notify: !transition.flapping,
    affected: [{ componentId, name: component.name, oldStatus: component.status, newStatus: imposed }],
    now,
    options,
  });
}

function incidentName(componentName: string, imposed: ComponentStatus): string {
  return `${componentName} is ${imposed === "major_outage" ? "down" : "partly down"}`;
}

async function markRecovering(
  tx: Prisma.TransactionClient,
  componentId: string,
  now: Date,
  options: AutomaticIncidentOptions,
  flapping: boolean,
) {
  const claim = await tx.automaticIncidentClaim.findUnique({ where: { componentId }, include: { incident: true } });
  if (!claim || claim.incident.takenOverAt || claim.incident.status === "monitoring") return;
  const stillDown = await tx.monitor.count({ where: { componentId, enabled: true, state: "down" } });
  if (stillDown > 0) return;
  const component = await tx.component.findUniqueOrThrow({ where: { id: componentId }, select: { name: true, status: true } });
  await tx.incident.update({ where: { id: claim.incidentId }, data: { status: "monitoring", monitoringAt: now } });
  await tx.incidentComponent.update({
    where: { incidentId_componentId: { incidentId: claim.incidentId, componentId } },
    data: { status: "operational" },
  });
  await postUpdate(tx, {
    incidentId: claim.incidentId,
    status: "monitoring",
    body: `${component.name} is responding again. We are monitoring to make sure it stays up.`,
    reasonCode: "ok",
    notify: !flapping,
    affected: [{ componentId, name: component.name, oldStatus: component.status, newStatus: "operational" }],
    now,
    options,
  });
}

/**
 * A monitor that stopped flapping while down: its incident's notifications were held, so
 * subscribers who have heard nothing yet hear about the outage now — once.
 */
export async function announceSettledOutages(
  tx: Prisma.TransactionClient,
  settled: readonly ConfirmedMonitor[],
  now: Date,
  options: AutomaticIncidentOptions,
): Promise<void> {
  for (const monitor of settled) {
    if (monitor.state !== "down" || !monitor.componentId) continue;
    const claim = await tx.automaticIncidentClaim.findUnique({ where: { componentId: monitor.componentId }, include: { incident: true } });
    if (!claim || claim.incident.takenOverAt) continue;
    // Subscribers already know it is down unless the last thing they heard was "recovering".
    const lastHeard = await tx.incidentUpdate.findFirst({
      where: { incidentId: claim.incidentId, notify: true },
      orderBy: { createdAt: "desc" },
      select: { status: true },
    });
    if (lastHeard && lastHeard.status !== "monitoring") continue;
    const component = await tx.component.findUniqueOrThrow({ where: { id: monitor.componentId }, select: { name: true, status: true } });
    const failure = await latestFailure(tx, { monitorId: monitor.monitorId, reasonCodes: [] });
    await postUpdate(tx, {
      incidentId: claim.incidentId,
      status: claim.incident.status,
      body: `${component.name} has stopped flapping and is down: ${failure.message}`,
      reasonCode: failure.code,
      notify: true,
      affected: [{ componentId: monitor.componentId, name: component.name, oldStatus: component.status, newStatus: component.status }],
      now,
      options,
    });
  }
}

/**
 * Automatic incidents in "monitoring" with no failure for `quietMs` resolve themselves. Returns the
 * components whose status may change (the caller refreshes them).
 */
export async function resolveQuietAutomaticIncidents(
  tx: Prisma.TransactionClient,
  now: Date,
  quietMs: number,
  options: AutomaticIncidentOptions,
): Promise<string[]> {
  const quiet = await tx.incident.findMany({
    where: { source: "automatic", status: "monitoring", takenOverAt: null, monitoringAt: { lte: new Date(now.getTime() - quietMs) } },
    select: { id: true, components: { select: { componentId: true, status: true, component: { select: { name: true } } } } },
  });
  const touched: string[] = [];
  for (const incident of quiet) {
    // Guarded: only an incident still in "monitoring" resolves (a relapse or an admin won the race).
    const { count } = await tx.incident.updateMany({
      where: { id: incident.id, status: "monitoring", takenOverAt: null },
      data: { status: "resolved", resolvedAt: now },
    });
    if (count === 0) continue;
    await tx.automaticIncidentClaim.deleteMany({ where: { incidentId: incident.id } });
    await postUpdate(tx, {
      incidentId: incident.id,
      status: "resolved",
      body: `Resolved: no failures for ${Math.round(quietMs / 60_000)} minutes.`,
      reasonCode: "ok",
      notify: true,
      affected: incident.components.map((c) => ({ componentId: c.componentId, name: c.component.name, oldStatus: c.status, newStatus: c.status })),
      now,
      options,
    });
    touched.push(...incident.components.map((c) => c.componentId));
  }
  return touched;
}

async function postUpdate(
  tx: Prisma.TransactionClient,
  update: Omit<IncidentUpdateDraft, "authorId" | "notifyComponentIds" | "messageIdDomain"> & { options: AutomaticIncidentOptions },
) {
  const { options, ...draft } = update;
  await writeIncidentUpdate(tx, {
    ...draft,
    authorId: null,
    notifyComponentIds: draft.affected.map((a) => a.componentId),
    messageIdDomain: options.messageIdDomain,
  });
}

/** What failed, in the probe's own words, from the newest down result of the monitor. */
async function latestFailure(
  tx: Prisma.TransactionClient,
  transition: Pick<MonitorTransition, "monitorId" | "reasonCodes">,
): Promise<{ code: string; message: string }> {
  const latest = await tx.checkResult.findFirst({
    where: { monitorId: transition.monitorId, state: "down" },
    orderBy: { checkedAt: "desc" },
    select: { reasons: true },
  });
  const reasons = (latest?.reasons ?? []) as { code: string; message: string }[];
  const first = reasons.find((reason) => reason.code !== "ok");
  return first ?? { code: transition.reasonCodes[0] ?? "unknown", message: transition.reasonCodes.join(", ") || "the check failed" };
}
