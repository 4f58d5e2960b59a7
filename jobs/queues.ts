// The pg-boss queues this worker serves. Each handler validates its payload, then calls lib/.
import { z } from "zod";

export const QUEUES = {
  /** Cluster-wide housekeeping, scheduled through pg-boss so it runs once per tick, not once per worker. */
  housekeeping: { name: "housekeeping", cron: "*/5 * * * *", payload: z.object({}).strict() },
} as const;
