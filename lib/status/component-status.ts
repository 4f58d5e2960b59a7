// The Statuspage component-status vocabulary and the words the page shows for it.
import type { ComponentStatus } from "../generated/prisma/enums";

export const COMPONENT_STATUS_LABELS: Record<ComponentStatus, string> = {
  operational: "Operational",
  degraded_performance: "Degraded performance",
  partial_outage: "Partial outage",
  major_outage: "Major outage",
  under_maintenance: "Under maintenance",
};

