// The maintenance clock: windows marked autoStart begin at scheduledFor, those marked autoComplete
// end at scheduledUntil. Each step is a guarded update (the expected status is in the WHERE), so
// two workers running the clock at once move a window once; subscribers are told at start and end.
import "server-only";
import type { Prisma } from "../generated/prisma/client";
import type { IncidentStatus } from "../generated/prisma/enums";
import { applyAutomaticIncidents, automaticIncidentOptions } from "../incidents/automatic-incidents";
import { writeIncidentUpdate } from "../incidents/write-update";
import { lockComponents, refreshComponentStatuses, type ComponentStatusTransition } from "../status/refresh-component-statuses";

type Step = { from: IncidentStatus[]; to: IncidentStatus; body: string };

const START: Step = { from: ["scheduled"], to: "in_progress", body: "Scheduled maintenance is now in progress." };
const COMPLETE: Step = { from: ["in_progress", "verifying"], to: "completed", body: "Scheduled maintenance has been completed." };

export async function advanceMaintenanceWindows(
  tx: Prisma.TransactionClient,
  now: Date,
  messageIdDomain: string,
): Promise<ComponentStatusTransition[]> {
  const due = await tx.incident.findMany({
    where: {
      kind: "maintenance",
      OR: [
        { status: "scheduled", autoStart: true, scheduledFor: { lte: now } },
        { status: { in: ["in_progress", "verifying"] }, autoComplete: true, scheduledUntil: { lte: now } },
      ],
    },
    select: { id: true, status: true, scheduledUntil: true, autoComplete: true, components: { select: { componentId: true } } },
  });
  const touched = due.flatMap((m) => m.components.map((c) => c.componentId));
  await lockComponents(tx, touched);
  for (const maintenance of due) {
    // A window whose end has passed too goes straight through start to completion.
    const steps = maintenance.status === "scheduled" ? [START] : [];
    if (maintenance.autoComplete && maintenance.scheduledUntil && maintenance.scheduledUntil <= now) steps.push(COMPLETE);
    for (const step of steps) await applyStep(tx, maintenance.id, maintenance.components.map((c) => c.componentId), step, now, messageIdDomain);
  }
  return refreshComponentStatuses(tx, touched, now);
}

async function applyStep(tx: Prisma.TransactionClient, id: string, componentIds: string[], step: Step, now: Date, messageIdDomain: string) {
  const { count } = await tx.incident.updateMany({
    where: { id, status: { in: step.from } },
    data: { status: step.to, ...(step.to === "completed" ? { resolvedAt: now } : {}) },
  });
  if (count === 0) return; // another worker (or an admin) moved it first
  // Subscribers hear about start and completion when they heard about the schedule.
  const announcement = await tx.incidentUpdate.findFirst({ where: { incidentId: id }, orderBy: { createdAt: "asc" }, select: { notify: true } });
  await writeIncidentUpdate(tx, {
    incidentId: id,
    status: step.to,
    body: step.body,
    notify: announcement?.notify ?? true,
    authorId: null,
    affected: [],
    notifyComponentIds: componentIds,
    now,
    messageIdDomain,
  });
  if (step.to === "completed") await openIncidentsForMonitorsStillDown(tx, componentIds, now, messageIdDomain);
}

/**
 * Failures during the window opened no incident; a monitor still down when the window closes is an
 * outage after all, so its component gets its automatic incident now.
 */
async function openIncidentsForMonitorsStillDown(tx: Prisma.TransactionClient, componentIds: string[], now: Date, messageIdDomain: string) {
  const stillDown = await tx.monitor.findMany({
    where: { componentId: { in: componentIds }, enabled: true, state: "down" },
    select: { id: true, componentId: true, flapping: true },
  });
  await applyAutomaticIncidents(
    tx,
    stillDown.map((m) => ({ monitorId: m.id, componentId: m.componentId, from: "down", to: "down", reasonCodes: [], flapping: m.flapping, at: now })),
    now,
    { ...automaticIncidentOptions(), messageIdDomain },
  );
}
