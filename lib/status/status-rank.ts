// The one severity scale of component statuses and of the page indicator. Planned maintenance sits
// above operational and below every outage: a group with one member in maintenance and one
// degraded shows degraded. (The roll-up itself lets maintenance win on purpose; see component-rollup.)
import type { ComponentStatus, IncidentImpact } from "../generated/prisma/enums";

export const COMPONENT_STATUS_RANK: Readonly<Record<ComponentStatus, number>> = {
  operational: 0,
  under_maintenance: 1,
  degraded_performance: 2,
  partial_outage: 3,
  major_outage: 4,
};

/** The worst of some statuses; undefined for none. */
export function worstStatus<S extends ComponentStatus>(statuses: Iterable<S>): S | undefined {
  let worst: S | undefined;
  for (const status of statuses) if (worst === undefined || COMPONENT_STATUS_RANK[status] > COMPONENT_STATUS_RANK[worst]) worst = status;
  return worst;
}

/** Statuspage's page indicator (the IncidentImpact words), least to most severe. */
export const PAGE_INDICATOR_RANK: Readonly<Record<IncidentImpact, number>> = { none: 0, maintenance: 1, minor: 2, major: 3, critical: 4 };
