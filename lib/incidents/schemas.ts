// Input of the admin incident verbs; the console's actions and the admin API reuse these schemas.
import { z } from "zod";
import { ComponentStatus, IncidentImpact } from "../generated/prisma/enums";

export const IncidentProgress = z.enum(["investigating", "identified", "monitoring", "resolved"]);

const body = z.string().trim().min(1, "write what is happening").max(20_000);
const affectedComponents = z
  .array(z.object({ componentId: z.string().min(1), status: z.enum(ComponentStatus) }))
  .refine((list) => new Set(list.map((c) => c.componentId)).size === list.length, "each component once");

export const CreateIncident = z.object({
  name: z.string().trim().min(1, "a name is required").max(200),
  impact: z.enum(IncidentImpact).exclude(["maintenance"]).default("minor"),
  status: IncidentProgress.default("investigating"),
  body,
  components: affectedComponents.default([]),
  notify: z.boolean().default(true),
});
export type CreateIncident = z.input<typeof CreateIncident>;

export const PostIncidentUpdate = z.object({
  incidentId: z.string().min(1),
  status: IncidentProgress,
  body,
  /** New statuses for affected components; components not listed keep theirs. */
  components: affectedComponents.default([]),
  notify: z.boolean().default(true),
});
export type PostIncidentUpdate = z.input<typeof PostIncidentUpdate>;

export const EditIncidentUpdate = z.object({ updateId: z.string().min(1), body });
export type EditIncidentUpdate = z.input<typeof EditIncidentUpdate>;

export const PublishPostmortem = z.object({ incidentId: z.string().min(1), body: z.string().trim().min(1).max(100_000) });
export type PublishPostmortem = z.input<typeof PublishPostmortem>;
