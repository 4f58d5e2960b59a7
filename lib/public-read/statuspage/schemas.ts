// Atlassian Statuspage's public API v2 shapes (https://<page>.statuspage.io/api/v2/...), written from
// its documentation as strict zod schemas: every documented key present (null where a page has no
// value), no extra keys, documented enum values only, ISO-8601 timestamps with milliseconds and an
// offset. The contract test validates every /api/v2 endpoint of Vigil against these; they are the
// reference, the mappers (statuspage-v2.ts) are the implementation.
import { z } from "zod";

const timestamp = z.iso.datetime({ offset: true, precision: 3 });
const date = z.iso.date();

export const ComponentStatusV2 = z.enum(["operational", "degraded_performance", "partial_outage", "major_outage", "under_maintenance"]);
export const IncidentStatusV2 = z.enum(["investigating", "identified", "monitoring", "resolved", "postmortem"]);
export const MaintenanceStatusV2 = z.enum(["scheduled", "in_progress", "verifying", "completed"]);
export const ImpactV2 = z.enum(["none", "minor", "major", "critical", "maintenance"]);
export const IndicatorV2 = z.enum(["none", "minor", "major", "critical", "maintenance"]);

export const PageV2 = z.strictObject({
  id: z.string().min(1),
  name: z.string(),
  url: z.url(),
  time_zone: z.string().min(1),
  updated_at: timestamp,
});

export const StatusV2 = z.strictObject({ indicator: IndicatorV2, description: z.string().min(1) });

const componentFields = {
  id: z.string().min(1),
  name: z.string(),
  status: ComponentStatusV2,
  created_at: timestamp,
  updated_at: timestamp,
  position: z.int().min(1),
  description: z.string().nullable(),
  showcase: z.boolean(),
  start_date: date.nullable(),
  group_id: z.string().nullable(),
  page_id: z.string().min(1),
  only_show_if_degraded: z.boolean(),
};

/** A component; a group is a component with `group: true` and the ids of its `components`. */
export const ComponentV2 = z.union([
  z.strictObject({ ...componentFields, group: z.literal(false) }),
  z.strictObject({ ...componentFields, group: z.literal(true), group_id: z.null(), components: z.array(z.string().min(1)) }),
]);
export const PlainComponentV2 = z.strictObject({ ...componentFields, group: z.literal(false) });

export const AffectedComponentV2 = z.strictObject({
  code: z.string().min(1),
  name: z.string(),
  old_status: ComponentStatusV2,
  new_status: ComponentStatusV2,
});

const updateFields = {
  id: z.string().min(1),
  body: z.string(),
  incident_id: z.string().min(1),
  created_at: timestamp,
  updated_at: timestamp,
  display_at: timestamp,
  affected_components: z.array(AffectedComponentV2).nullable(),
  deliver_notifications: z.boolean(),
  custom_tweet: z.string().nullable(),
  tweet_id: z.string().nullable(),
};

const incidentFields = {
  id: z.string().min(1),
  name: z.string(),
  created_at: timestamp,
  updated_at: timestamp,
  monitoring_at: timestamp.nullable(),
  resolved_at: timestamp.nullable(),
  impact: ImpactV2,
  shortlink: z.url(),
  started_at: timestamp,
  page_id: z.string().min(1),
  components: z.array(PlainComponentV2),
  postmortem_body: z.string().nullable(),
};

export const IncidentV2 = z.strictObject({
  ...incidentFields,
  status: IncidentStatusV2,
  incident_updates: z.array(z.strictObject({ ...updateFields, status: IncidentStatusV2 })),
});

export const ScheduledMaintenanceV2 = z.strictObject({
  ...incidentFields,
  status: MaintenanceStatusV2,
  impact: ImpactV2,
  scheduled_for: timestamp,
  scheduled_until: timestamp,
  incident_updates: z.array(z.strictObject({ ...updateFields, status: MaintenanceStatusV2 })),
});

/**
 * Vigil's one addition to each response (a key Statuspage clients ignore): when the data was read
 * and whether it is the last good snapshot served while the database is unreachable.
 */
/** Statuspage's keys and no others: strict clients reject unknown keys. */
const response = <T extends z.core.$ZodLooseShape>(shape: T) => z.strictObject({ page: PageV2, ...shape });

export const SummaryV2 = response({
  components: z.array(ComponentV2),
  incidents: z.array(IncidentV2),
  scheduled_maintenances: z.array(ScheduledMaintenanceV2),
  status: StatusV2,
});
export const StatusResponseV2 = response({ status: StatusV2 });
export const ComponentsResponseV2 = response({ components: z.array(ComponentV2) });
export const IncidentsResponseV2 = response({ incidents: z.array(IncidentV2).max(50) });
export const UnresolvedIncidentsResponseV2 = response({ incidents: z.array(IncidentV2) });
export const ScheduledMaintenancesResponseV2 = response({ scheduled_maintenances: z.array(ScheduledMaintenanceV2).max(50) });
export const ActiveOrUpcomingMaintenancesResponseV2 = response({ scheduled_maintenances: z.array(ScheduledMaintenanceV2) });
export const ComponentUptimeResponseV2 = response({
  component: PlainComponentV2,
  uptime: z.strictObject({ "24h": z.number().min(0).max(1).nullable(), "7d": z.number().min(0).max(1).nullable(), "30d": z.number().min(0).max(1).nullable(), "90d": z.number().min(0).max(1).nullable() }),
  days: z.array(z.strictObject({ date: z.iso.date(), status: ComponentStatusV2.nullable(), uptime: z.number().min(0).max(1).nullable(), incidents: z.array(z.strictObject({ id: z.string(), name: z.string() })) })).length(90),
});

export type SummaryV2 = z.infer<typeof SummaryV2>;
export type PageV2 = z.infer<typeof PageV2>;
export type ComponentV2 = z.infer<typeof ComponentV2>;
export type PlainComponentV2 = z.infer<typeof PlainComponentV2>;
export type IncidentV2 = z.infer<typeof IncidentV2>;
export type ScheduledMaintenanceV2 = z.infer<typeof ScheduledMaintenanceV2>;
export type StatusV2 = z.infer<typeof StatusV2>;
