// Pure mappers from the status snapshot to Statuspage's public API v2 shapes (schemas.ts): every
// documented key, null where Vigil has no value (custom_tweet, tweet_id…), timestamps in the page's
// time zone with milliseconds, newest first, the 50-item caps where Statuspage caps.
//
//   summaryV2, statusV2, componentsV2, incidentsV2, unresolvedIncidentsV2,
//   scheduledMaintenancesV2, upcomingMaintenancesV2, activeMaintenancesV2   (snapshot) → body
import type { IncidentStatus } from "../../generated/prisma/enums";
import type { ComponentV2, IncidentV2, PageV2, PlainComponentV2, ScheduledMaintenanceV2, StatusV2 } from "./schemas";
import { LIST_CAP, type SnapshotComponent, type SnapshotIncident, type SnapshotIncidentUpdate, type StatusSnapshot } from "../status-snapshot-types";
import { worstStatus } from "../../status/status-rank";
import { formatZonedIso } from "./zoned-time";

type IncidentStatusV2 = IncidentV2["status"];
type MaintenanceStatusV2 = ScheduledMaintenanceV2["status"];

const INCIDENT_STATUSES: readonly IncidentStatusV2[] = ["investigating", "identified", "monitoring", "resolved", "postmortem"];
const MAINTENANCE_STATUSES: readonly MaintenanceStatusV2[] = ["scheduled", "in_progress", "verifying", "completed"];

/** The incident vocabulary for a status that only maintenance uses (never expected; kept total). */
function asIncidentStatus(status: IncidentStatus): IncidentStatusV2 {
  if ((INCIDENT_STATUSES as readonly string[]).includes(status)) return status as IncidentStatusV2;
  return status === "completed" || status === "cancelled" ? "resolved" : "investigating";
}
function asMaintenanceStatus(status: IncidentStatus): MaintenanceStatusV2 {
  if ((MAINTENANCE_STATUSES as readonly string[]).includes(status)) return status as MaintenanceStatusV2;
  // Statuspage has no cancelled window: to its clients, a cancelled one is over.
  return status === "resolved" || status === "postmortem" || status === "cancelled" ? "completed" : "in_progress";
}

export function pageV2(snapshot: StatusSnapshot): PageV2 {
  const { page } = snapshot;
  return { id: page.id, name: page.name, url: page.url, time_zone: page.timeZone, updated_at: formatZonedIso(page.updatedAt, page.timeZone) };
}

export function statusV2(snapshot: StatusSnapshot): { page: PageV2; status: StatusV2 } {
  return { page: pageV2(snapshot), status: { ...snapshot.status } };
}

function plainComponentV2(snapshot: StatusSnapshot, component: SnapshotComponent, position: number): PlainComponentV2 {
  const zone = snapshot.page.timeZone;
  return {
    id: component.id,
    name: component.name,
    status: component.status,
    created_at: formatZonedIso(component.createdAt, zone),
    updated_at: formatZonedIso(component.updatedAt, zone),
    position,
    description: component.description,
    showcase: component.showcase,
    start_date: component.startDate,
    group_id: component.groupId,
    page_id: snapshot.page.id,
    group: false,
    only_show_if_degraded: component.onlyShowIfDegraded,
  };
}

/**
 * Statuspage's flat component list: ungrouped components, then each group (a component with
 * `group: true` listing its members' ids) followed by its members, positions counted from 1.
 */
export function componentListV2(snapshot: StatusSnapshot): ComponentV2[] {
  const zone = snapshot.page.timeZone;
  const list: ComponentV2[] = [];
  const push = (component: SnapshotComponent) => list.push(plainComponentV2(snapshot, component, list.length + 1));
  const groupIds = new Set(snapshot.groups.map((g) => g.id));
  for (const component of snapshot.components) if (!component.groupId || !groupIds.has(component.groupId)) push(component);
  for (const group of snapshot.groups) {
    const members = snapshot.components.filter((c) => c.groupId === group.id);
    list.push({
      id: group.id,
      name: group.name,
      status: groupStatus(members),
      created_at: formatZonedIso(group.createdAt, zone),
      updated_at: formatZonedIso(group.updatedAt, zone),
      position: list.length + 1,
      description: group.description,
      showcase: false,
      start_date: null,
      group_id: null,
      page_id: snapshot.page.id,
      group: true,
      only_show_if_degraded: false,
      components: members.map((c) => c.id),
    });
    for (const member of members) push(member);
  }
  return list;
}

/** A group shows its worst member's status (Statuspage does the same). */
function groupStatus(members: readonly SnapshotComponent[]): PlainComponentV2["status"] {
  return worstStatus(members.map((m) => m.status)) ?? "operational";
}

export function componentsV2(snapshot: StatusSnapshot): { page: PageV2; components: ComponentV2[] } {
  return { page: pageV2(snapshot), components: componentListV2(snapshot) };
}

function updateFieldsV2(snapshot: StatusSnapshot, update: SnapshotIncidentUpdate) {
  const zone = snapshot.page.timeZone;
  return {
    id: update.id,
    body: update.body,
    incident_id: update.incidentId,
    created_at: formatZonedIso(update.createdAt, zone),
    updated_at: formatZonedIso(update.updatedAt, zone),
    display_at: formatZonedIso(update.displayAt, zone),
    affected_components:
      update.affectedComponents?.map((a) => ({ code: a.componentId, name: a.name, old_status: a.oldStatus, new_status: a.newStatus })) ?? null,
    deliver_notifications: update.notify,
    custom_tweet: null,
    tweet_id: null,
  };
}

function incidentFieldsV2(snapshot: StatusSnapshot, incident: SnapshotIncident) {
  const zone = snapshot.page.timeZone;
  const positions = new Map(componentListV2(snapshot).map((c) => [c.id, c.position]));
  return {
    id: incident.id,
    name: incident.name,
    created_at: formatZonedIso(incident.createdAt, zone),
    updated_at: formatZonedIso(incident.updatedAt, zone),
    monitoring_at: incident.monitoringAt ? formatZonedIso(incident.monitoringAt, zone) : null,
    resolved_at: incident.resolvedAt ? formatZonedIso(incident.resolvedAt, zone) : null,
    impact: incident.impact,
    shortlink: `${snapshot.page.url}/incidents/${encodeURIComponent(incident.id)}`,
    started_at: formatZonedIso(incident.startedAt, zone),
    page_id: snapshot.page.id,
    components: incident.componentIds.flatMap((id) => {
      const component = snapshot.components.find((c) => c.id === id);
      return component ? [plainComponentV2(snapshot, component, positions.get(id) ?? 1)] : [];
    }),
    postmortem_body: incident.postmortemBody,
  };
}

export function incidentV2(snapshot: StatusSnapshot, incident: SnapshotIncident): IncidentV2 {
  return {
    ...incidentFieldsV2(snapshot, incident),
    status: asIncidentStatus(incident.status),
    incident_updates: incident.updates.map((update) => ({ ...updateFieldsV2(snapshot, update), status: asIncidentStatus(update.status) })),
  };
}

export function maintenanceV2(snapshot: StatusSnapshot, maintenance: SnapshotIncident): ScheduledMaintenanceV2 {
  const zone = snapshot.page.timeZone;
  return {
    ...incidentFieldsV2(snapshot, maintenance),
    status: asMaintenanceStatus(maintenance.status),
    scheduled_for: formatZonedIso(maintenance.scheduledFor ?? maintenance.startedAt, zone),
    scheduled_until: formatZonedIso(maintenance.scheduledUntil ?? maintenance.resolvedAt ?? maintenance.startedAt, zone),
    incident_updates: maintenance.updates.map((update) => ({ ...updateFieldsV2(snapshot, update), status: asMaintenanceStatus(update.status) })),
  };
}

export const isUnresolved = (incident: SnapshotIncident) => ["investigating", "identified", "monitoring"].includes(incident.status);
export const isUpcoming = (maintenance: SnapshotIncident) => maintenance.status === "scheduled";
export const isActive = (maintenance: SnapshotIncident) => maintenance.status === "in_progress" || maintenance.status === "verifying";

export function incidentsV2(snapshot: StatusSnapshot) {
  return { page: pageV2(snapshot), incidents: snapshot.incidents.slice(0, LIST_CAP).map((i) => incidentV2(snapshot, i)) };
}
export function unresolvedIncidentsV2(snapshot: StatusSnapshot) {
  return { page: pageV2(snapshot), incidents: snapshot.incidents.filter(isUnresolved).map((i) => incidentV2(snapshot, i)) };
}
export function scheduledMaintenancesV2(snapshot: StatusSnapshot) {
  return { page: pageV2(snapshot), scheduled_maintenances: snapshot.maintenances.slice(0, LIST_CAP).map((m) => maintenanceV2(snapshot, m)) };
}
export function upcomingMaintenancesV2(snapshot: StatusSnapshot) {
  return { page: pageV2(snapshot), scheduled_maintenances: snapshot.maintenances.filter(isUpcoming).map((m) => maintenanceV2(snapshot, m)) };
}
export function activeMaintenancesV2(snapshot: StatusSnapshot) {
  return { page: pageV2(snapshot), scheduled_maintenances: snapshot.maintenances.filter(isActive).map((m) => maintenanceV2(snapshot, m)) };
}

export function summaryV2(snapshot: StatusSnapshot) {
  return {
    page: pageV2(snapshot),
    components: componentListV2(snapshot),
    incidents: snapshot.incidents.filter(isUnresolved).map((i) => incidentV2(snapshot, i)),
    scheduled_maintenances: snapshot.maintenances.filter((m) => isUpcoming(m) || isActive(m)).map((m) => maintenanceV2(snapshot, m)),
    status: { ...snapshot.status },
  };
}

/** Vigil extension: a component's uptime figures and its 90 daily bars; null for an unknown id. */
export function componentUptimeV2(snapshot: StatusSnapshot, componentId: string) {
  const list = componentListV2(snapshot);
  const entry = list.find((c) => c.id === componentId && !c.group);
  const component = snapshot.components.find((c) => c.id === componentId);
  if (!entry || entry.group || !component) return null;
  return {
    page: pageV2(snapshot),
    component: entry,
    uptime: { ...component.uptime },
    days: component.days.map((day) => ({ date: day.day.slice(0, 10), status: day.worstStatus, uptime: day.uptime, incidents: day.incidents.map((i) => ({ ...i })) })),
  };
}
