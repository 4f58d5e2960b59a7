// Incidents and maintenance as the console lists and edits them.
import "server-only";
import { componentsInPageOrder } from "../components/page-order";
import { db } from "../db";
import type { ComponentStatus, IncidentImpact, IncidentKind, IncidentStatus } from "../generated/prisma/enums";

export type ConsoleIncidentListItem = {
  id: string;
  kind: IncidentKind;
  name: string;
  status: IncidentStatus;
  impact: IncidentImpact;
  source: string;
  startedAt: Date;
  resolvedAt: Date | null;
  scheduledFor: Date | null;
  scheduledUntil: Date | null;
};

export async function listIncidents(kind: IncidentKind, take = 100): Promise<ConsoleIncidentListItem[]> {
  return db().incident.findMany({
    where: { kind },
    orderBy: kind === "maintenance" ? { scheduledFor: "desc" } : { startedAt: "desc" },
    take,
    select: { id: true, kind: true, name: true, status: true, impact: true, source: true, startedAt: true, resolvedAt: true, scheduledFor: true, scheduledUntil: true },
  });
}

/** `probeDetail`: what the probe said behind an automatic update (target, address) — admins only. */
export type ConsoleIncidentUpdate = { id: string; status: IncidentStatus; body: string; probeDetail: string | null; author: string; notify: boolean; displayAt: Date };

export type ConsoleIncident = ConsoleIncidentListItem & {
  takenOver: boolean;
  postmortemBody: string | null;
  postmortemPublishedAt: Date | null;
  components: { id: string; name: string; imposed: ComponentStatus; current: ComponentStatus }[];
  updates: ConsoleIncidentUpdate[];
};

export async function readIncident(id: string): Promise<ConsoleIncident | null> {
  const incident = await db().incident.findUnique({
    where: { id },
    include: {
      components: { include: { component: { select: { name: true, status: true } } } },
      updates: { orderBy: [{ displayAt: "desc" }, { createdAt: "desc" }], include: { author: { select: { email: true } } } },
    },
  });
  if (!incident) return null;
  return {
    id: incident.id,
    kind: incident.kind,
    name: incident.name,
    status: incident.status,
    impact: incident.impact,
    source: incident.source,
    startedAt: incident.startedAt,
    resolvedAt: incident.resolvedAt,
    scheduledFor: incident.scheduledFor,
    scheduledUntil: incident.scheduledUntil,
    takenOver: incident.takenOverAt !== null,
    postmortemBody: incident.postmortemBody,
    postmortemPublishedAt: incident.postmortemPublishedAt,
    components: incident.components.map((link) => ({ id: link.componentId, name: link.component.name, imposed: link.status, current: link.component.status })),
    updates: incident.updates.map((update) => ({
      id: update.id,
      status: update.status,
      body: update.body,
      probeDetail: update.internalDetail,
      author: update.author?.email ?? (update.automatic ? "Vigil" : "a former admin"),
      notify: update.notify,
      displayAt: update.displayAt,
    })),
  };
}

export type ComponentChoice = { id: string; name: string; group: string | null; status: ComponentStatus };

/** Components for pickers (incident and maintenance forms, monitor form), in page order
 *  (components/page-order.ts): one group's never mixed into another's. */
export async function listComponentChoices(): Promise<ComponentChoice[]> {
  const [groups, components] = await Promise.all([
    db().componentGroup.findMany({ select: { id: true, name: true, position: true } }),
    db().component.findMany({ select: { id: true, name: true, status: true, position: true, groupId: true } }),
  ]);
  const groupNames = new Map(groups.map((g) => [g.id, g.name]));
  return componentsInPageOrder(groups, components).map(({ id, name, status, groupId }) => ({ id, name, status, group: (groupId && groupNames.get(groupId)) ?? null }));
}
