// The hooks the deciding code calls, in its own transaction: each loads the few facts an event
// names (monitor and component names) and hands the events to the fan-out.
import "server-only";
import type { Prisma } from "../generated/prisma/client";
import { env, publicHostname, publicUrl } from "../env";
import type { MonitorTransition } from "../monitors/confirm-monitor-states";
import { incidentEvent, monitorTransitionEvent, staleIncidentEvent } from "./alert-events";
import { emitAlerts } from "./emit-alerts";
import type { AlertEvent } from "./events";

export function alertLinks(): { base: string; messageIdDomain: string } {
  const config = env();
  return { base: publicUrl(config), messageIdDomain: publicHostname(config) };
}

export async function recordAlerts(tx: Prisma.TransactionClient, events: readonly AlertEvent[]): Promise<number> {
  return emitAlerts(tx, events, alertLinks());
}

/**
 * Confirmed monitor transitions, whether or not they open a public incident. A monitor flagged as
 * flapping alerts nothing until it settles (as it mails nothing).
 */
export async function alertMonitorTransitions(tx: Prisma.TransactionClient, transitions: readonly MonitorTransition[]): Promise<number> {
  const telling = transitions.filter((t) => !t.flapping && (t.to === "down" || t.to === "degraded" || (t.to === "up" && (t.from === "down" || t.from === "degraded"))));
  if (telling.length === 0) return 0;
  const monitors = new Map(
    (
      await tx.monitor.findMany({
        where: { id: { in: telling.map((t) => t.monitorId) } },
        select: { id: true, name: true, target: true, component: { select: { id: true, name: true } } },
      })
    ).map((monitor) => [monitor.id, monitor]),
  );
  const { base } = alertLinks();
  const events = telling.flatMap((transition) => {
    const monitor = monitors.get(transition.monitorId);
    const event = monitor ? monitorTransitionEvent(monitor, transition, base) : null;
    return event ? [event] : [];
  });
  return recordAlerts(tx, events);
}

/** An automatic incident's change, with the incident as it is now (name and status after the change). */
export async function alertIncident(
  tx: Prisma.TransactionClient,
  kind: "incident.opened" | "incident.escalated" | "incident.resolved",
  incidentId: string,
  change: { componentIds: readonly string[]; message: string; at: Date; distinct?: string },
): Promise<number> {
  const incident = await tx.incident.findUniqueOrThrow({ where: { id: incidentId }, select: { id: true, name: true, status: true } });
  const components = await tx.component.findMany({ where: { id: { in: [...change.componentIds] } }, select: { id: true, name: true } });
  return recordAlerts(tx, [incidentEvent(kind, incident, { components, message: change.message, at: change.at, distinct: change.distinct }, alertLinks().base)]);
}

export async function alertStaleIncident(tx: Prisma.TransactionClient, incident: { id: string; name: string }, afterHours: number, now: Date): Promise<number> {
  const row = await tx.incident.findUniqueOrThrow({
    where: { id: incident.id },
    select: { status: true, components: { select: { component: { select: { id: true, name: true } } } } },
  });
  const components = row.components.map((link) => link.component);
  return recordAlerts(tx, [staleIncidentEvent({ ...incident, status: row.status }, components, afterHours, now, alertLinks().base)]);
}
