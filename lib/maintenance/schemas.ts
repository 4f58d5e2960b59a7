// Input of the maintenance verbs; the console's actions and the admin API parse with these schemas.
import { z } from "zod";
import { publicName } from "../text/safe-text";

export const ScheduleMaintenance = z
  .object({
    name: publicName(200),
    body: z.string().trim().min(1, "say what will happen").max(20_000),
    componentIds: z.array(z.string().min(1)).min(1, "choose at least one component"),
    scheduledFor: z.coerce.date(),
    scheduledUntil: z.coerce.date(),
    autoStart: z.boolean().default(true),
    autoComplete: z.boolean().default(true),
    notify: z.boolean().default(true),
  })
  .refine((value) => value.scheduledUntil > value.scheduledFor, {
    message: "the window must end after it starts",
    path: ["scheduledUntil"],
  });
export type ScheduleMaintenance = z.infer<typeof ScheduleMaintenance>;

export const PostMaintenanceUpdate = z.object({
  maintenanceId: z.string().min(1),
  status: z.enum(["scheduled", "in_progress", "verifying", "completed"]),
  body: z.string().trim().min(1, "write what is happening").max(20_000),
  notify: z.boolean().default(true),
});
export type PostMaintenanceUpdate = z.infer<typeof PostMaintenanceUpdate>;

/**
 * Changes a window that has not ended: its name, its times (the start only before it started) and
 * its components. A new start time is announced anew: reminders follow it. `notify` tells subscribers.
 */
export const EditMaintenance = z
  .object({
    maintenanceId: z.string().min(1),
    name: publicName(200).optional(),
    scheduledFor: z.coerce.date().optional(),
    scheduledUntil: z.coerce.date().optional(),
    componentIds: z.array(z.string().min(1)).min(1, "choose at least one component").optional(),
    /** What subscribers read when notified; a summary of the change when left out. */
    note: z.string().trim().min(1).max(20_000).optional(),
    notify: z.boolean().default(false),
  })
  .refine((value) => !value.scheduledFor || !value.scheduledUntil || value.scheduledUntil > value.scheduledFor, {
    message: "the window must end after it starts",
    path: ["scheduledUntil"],
  });
export type EditMaintenance = z.infer<typeof EditMaintenance>;

/** Calls off a window that has not started; subscribers who heard of it hear it is off. */
export const CancelMaintenance = z.object({
  maintenanceId: z.string().min(1),
  body: z.string().trim().min(1, "say why it is off").max(20_000).default("This maintenance has been cancelled."),
  notify: z.boolean().default(true),
});
export type CancelMaintenance = z.infer<typeof CancelMaintenance>;
