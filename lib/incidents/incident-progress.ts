import type { IncidentStatus } from "../generated/prisma/enums";

/** The timestamp Statuspage's API reports for reaching a status (identified_at, monitoring_at, resolved_at). */
export function progressTimestamps(status: IncidentStatus, now: Date) {
  switch (status) {
    case "identified":
      return { identifiedAt: now };
    case "monitoring":
      return { monitoringAt: now };
    case "resolved":
      return { resolvedAt: now };
    default:
      return {};
  }
}
