// Input of the admin incident verbs; the console's actions and the admin API parse with these schemas
// and the verbs take their output.
import { z } from "zod";
import { ComponentStatus, IncidentImpact } from "../generated/prisma/enums";
import { publicName } from "../text/safe-text";

export const IncidentProgress = z.enum(["investigating", "identified", "monitoring", "resolved"]);

const body = z.string().trim().min(1, "write what is happening").max(20_000);
const affectedComponents = z
  .array(z.object({ componentId: z.string().min(1), status: z.enum(ComponentStatus) }))
  .refine((list) => new Set(list.map((c) => c.componentId)).size === list.length, "each component once");

export const CreateIncident = z.object({
  name: publicName(200),
  impact: z.enum(IncidentImpact).exclude(["maintenance"]).default("minor"),
  status: IncidentProgress.default("investigating"),
  body,
  components: affectedComponents.default([]),
  notify: z.boolean().default(true),
});
export type CreateIncident = z.infer<typeof CreateIncident>;

export const PostIncidentUpdate = z.object({
  incidentId: z.string().min(1),
  status: IncidentProgress,
  body,
  /** New statuses for affected components; components not listed keep theirs. */
  components: affectedComponents.default([]),
  notify: z.boolean().default(true),
});
export type PostIncidentUpdate = z.infer<typeof PostIncidentUpdate>;

/**
 * Corrects an incident: each field given replaces what is there (`components` replaces the whole
 * list). Times may be backdated, never set in the future; the verb checks them against each other
 * and the timeline. `notify` tells subscribers when the impact or the components changed.
 */
export const EditIncident = z.object({
  incidentId: z.string().min(1),
  name: publicName(200).optional(),
  impact: z.enum(IncidentImpact).exclude(["maintenance"]).optional(),
  components: affectedComponents.optional(),
  startedAt: z.coerce.date().optional(),
  /** Only for a resolved incident: when it really ended. */
  resolvedAt: z.coerce.date().optional(),
  /** What subscribers read when notified; a summary of the change when left out. */
  note: z.string().trim().min(1).max(20_000).optional(),
  notify: z.boolean().default(false),
});
export type EditIncident = z.infer<typeof EditIncident>;

/** How long after its resolution an incident may be reopened; later, open a new one. */
export const REOPEN_WINDOW_DAYS = 7;

/** Reopens a resolved incident (within REOPEN_WINDOW_DAYS of its resolution) with a new update. */
export const ReopenIncident = z.object({
  incidentId: z.string().min(1),
  status: IncidentProgress.exclude(["resolved"]).default("investigating"),
  body,
  components: affectedComponents.default([]),
  notify: z.boolean().default(false),
});
export type ReopenIncident = z.infer<typeof ReopenIncident>;

export const EditIncidentUpdate = z.object({ updateId: z.string().min(1), body });
export type EditIncidentUpdate = z.infer<typeof EditIncidentUpdate>;

export const PublishPostmortem = z.object({ incidentId: z.string().min(1), body: z.string().trim().min(1).max(100_000) });
export type PublishPostmortem = z.infer<typeof PublishPostmortem>;

export const TakeOverIncident = z.object({ incidentId: z.string().min(1) });
export type TakeOverIncident = z.infer<typeof TakeOverIncident>;

export const DeleteIncidentUpdate = z.object({ updateId: z.string().min(1) });
export type DeleteIncidentUpdate = z.infer<typeof DeleteIncidentUpdate>;

export const SaveIncidentTemplate = z.object({
  id: z.string().min(1).optional(),
  name: publicName(100),
  /** The name of the incidents it opens. */
  title: publicName(200, "a title is required"),
  status: IncidentProgress.default("investigating"),
  body: z.string().trim().min(1, "write the message").max(20_000),
});
export type SaveIncidentTemplate = z.infer<typeof SaveIncidentTemplate>;

export const DeleteIncidentTemplate = z.object({ id: z.string().min(1) });
export type DeleteIncidentTemplate = z.infer<typeof DeleteIncidentTemplate>;
