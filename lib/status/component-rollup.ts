// Component roll-up: monitors, open incidents and maintenance → a component's status; component
// statuses → the page's indicator and headline; affected components → an incident's impact.
// Statuspage's vocabulary and rules, so its clients read ours. Pure; rules in docs/status-rules.md.
//
//   rollUpComponentStatus({ monitorStates, incidentStatuses, maintenanceInProgress }): ComponentStatus
//   statusFromMonitors(monitorStates): ComponentStatus       the monitor-derived part alone
//   worstComponentStatus(statuses): ComponentStatus          operational < degraded < partial < major
//   pageStatus(componentStatuses, openIncidents?): { indicator, description }
//   incidentImpactFor(affectedComponentStatuses, componentCount): IncidentImpact   for automatic incidents
import type { ComponentStatus, IncidentImpact, IncidentStatus, MonitorState } from "../generated/prisma/enums";
import { PAGE_INDICATOR_RANK, worstStatus } from "./status-rank";

export type ComponentRollupInput = {
  /** Confirmed states of the component's monitors (disabled monitors left out by the caller). */
  monitorStates: readonly MonitorState[];
  /** IncidentComponent.status of every open incident affecting the component. */
  incidentStatuses: readonly ComponentStatus[];
  /** A maintenance window covering the component is in progress. */
  maintenanceInProgress: boolean;
};

/** Statuspage's page indicator; the same five words as IncidentImpact. */
export type PageIndicator = IncidentImpact;
export type PageStatus = { indicator: PageIndicator; description: string };

/** The statuses an outage can have; under_maintenance is planned, not an outage. */
type OutageStatus = Exclude<ComponentStatus, "under_maintenance">;

function isOutageStatus(status: ComponentStatus): status is OutageStatus {
  return status !== "under_maintenance";
}

/** The worst of outage statuses; operational for none. under_maintenance entries are ignored. */
export function worstComponentStatus(statuses: readonly ComponentStatus[]): OutageStatus {
  return worstStatus(statuses.filter(isOutageStatus)) ?? "operational";
}

/**
 * All monitors down → major outage; some down → partial outage; any degraded → degraded
 * performance; otherwise operational. Unknown monitors are left out: not knowing is no evidence of
 * an outage (nor of health — an outage already confirmed keeps its automatic incident open, and
 * that incident's status keeps the component red until a monitor confirms recovery).
 */
export function statusFromMonitors(monitorStates: readonly MonitorState[]): OutageStatus {
  const known = monitorStates.filter((state) => state !== "unknown");
  const down = known.filter((state) => state === "down").length;
  if (down > 0 && down === known.length) return "major_outage";
  if (down > 0) return "partial_outage";
  if (known.includes("degraded")) return "degraded_performance";
  return "operational";
}

/**
 * Maintenance in progress wins (monitors are expected to fail during it, and an admin who set a
 * component to under_maintenance in an incident means the same). Otherwise the worst of what open
 * incidents impose and what the monitors say: an admin can make a status worse than the monitors
 * see, never hide what they see — to do that, resolve the incident or pause the monitor.
 */
export function rollUpComponentStatus(input: ComponentRollupInput): ComponentStatus {
  if (input.maintenanceInProgress || input.incidentStatuses.includes("under_maintenance")) return "under_maintenance";
  return worstComponentStatus([...input.incidentStatuses, statusFromMonitors(input.monitorStates)]);
}

const DESCRIPTIONS = {
  allOperational: "All Systems Operational",
  majorOutage: "Major Service Outage",
  partialOutage: "Partial System Outage",
  minorOutage: "Minor Service Outage",
  degradedSystem: "Degraded System Service",
  partiallyDegraded: "Partially Degraded Service",
  maintenance: "Service Under Maintenance",
} as const;

/** The catalog key of a headline (lib/i18n): the page translates the words the API keeps in English. */
export function pageStatusKey(description: string): `pageStatus.${keyof typeof DESCRIPTIONS}` | null {
  const key = (Object.keys(DESCRIPTIONS) as (keyof typeof DESCRIPTIONS)[]).find((k) => DESCRIPTIONS[k] === description);
  return key ? `pageStatus.${key}` : null;
}

/** Headline when an open incident's impact, not the components, sets the indicator. */
const IMPACT_DESCRIPTIONS: Record<PageIndicator, string> = {
  none: DESCRIPTIONS.allOperational,
  maintenance: DESCRIPTIONS.maintenance,
  minor: DESCRIPTIONS.minorOutage,
  major: DESCRIPTIONS.partialOutage,
  critical: DESCRIPTIONS.majorOutage,
};

/**
 * Statuspage's top-level status from component statuses, first match wins:
 *   every component in major outage             → critical     "Major Service Outage"
 *   any major outage, or all in partial outage  → major        "Partial System Outage"
 *   any partial outage                          → minor        "Minor Service Outage"
 *   every component degraded                    → minor        "Degraded System Service"
 *   any degraded                                → minor        "Partially Degraded Service"
 *   any under maintenance                       → maintenance  "Service Under Maintenance"
 *   otherwise (no components too)               → none         "All Systems Operational"
 * "Every" counts all components, those under maintenance included: one component down while the
 * other is in maintenance is a partial outage of the page, not a total one.
 */
function statusFromComponents(statuses: readonly ComponentStatus[]): PageStatus {
  const every = (status: ComponentStatus) => statuses.length > 0 && statuses.every((s) => s === status);
  const any = (status: ComponentStatus) => statuses.includes(status);
  if (every("major_outage")) return { indicator: "critical", description: DESCRIPTIONS.majorOutage };
  if (any("major_outage") || every("partial_outage")) return { indicator: "major", description: DESCRIPTIONS.partialOutage };
  if (any("partial_outage")) return { indicator: "minor", description: DESCRIPTIONS.minorOutage };
  if (every("degraded_performance")) return { indicator: "minor", description: DESCRIPTIONS.degradedSystem };
  if (any("degraded_performance")) return { indicator: "minor", description: DESCRIPTIONS.partiallyDegraded };
  if (any("under_maintenance")) return { indicator: "maintenance", description: DESCRIPTIONS.maintenance };
  return { indicator: "none", description: DESCRIPTIONS.allOperational };
}

/** An open incident as the page indicator sees it: its impact, status and what it imposes on its components. */
export type OpenIncidentImpact = { impact: IncidentImpact; status: IncidentStatus; componentStatuses: readonly ComponentStatus[] };

/**
 * Whether an open incident colours the page beyond what its components say: only while it is
 * being investigated or identified, and only if it names no component or one it still holds down.
 * A recovered incident ("monitoring", or every component back to operational) never keeps an
 * outage banner up after the page is green.
 */
export function raisesPageIndicator(incident: OpenIncidentImpact): boolean {
  if (incident.status !== "investigating" && incident.status !== "identified") return false;
  return incident.componentStatuses.length === 0 || incident.componentStatuses.some((status) => status !== "operational");
}

/**
 * The page's indicator and headline. Open incidents' impacts count too (as on Statuspage, where an
 * incident that names no component still colours the page) while they raise it (see
 * raisesPageIndicator): the higher indicator wins, and a tie keeps the components' more specific
 * description.
 */
export function pageStatus(componentStatuses: readonly ComponentStatus[], openIncidents: readonly OpenIncidentImpact[] = []): PageStatus {
  let status = statusFromComponents(componentStatuses);
  for (const incident of openIncidents.filter(raisesPageIndicator)) {
    if (PAGE_INDICATOR_RANK[incident.impact] > PAGE_INDICATOR_RANK[status.indicator]) status = { indicator: incident.impact, description: IMPACT_DESCRIPTIONS[incident.impact] };
  }
  return status;
}

/**
 * Impact of an automatic incident: how much of the page it takes down, computed like the page's
 * indicator over every component of the page — the affected ones with the status the incident
 * imposes, the others operational. Every component down → critical; some down → major; partly
 * down → minor; degraded → minor.
 */
export function incidentImpactFor(affectedComponentStatuses: readonly ComponentStatus[], componentCount: number): IncidentImpact {
  const unaffected = Math.max(0, componentCount - affectedComponentStatuses.length);
  return statusFromComponents([...affectedComponentStatuses, ...Array<ComponentStatus>(unaffected).fill("operational")]).indicator;
}
