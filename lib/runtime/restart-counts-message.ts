// The one message `npm start`'s launcher sends: its restart counts, to the web (or all-in-one)
// process, which parses it here and shows the counts on /metrics (lib/runtime/supervisor.ts).
import { z } from "zod";
import { SUPERVISED_PROCESSES, type RestartCountsMessage as Message } from "./supervisor";

export const RestartCountsMessage: z.ZodType<Message> = z.strictObject({
  type: z.literal("vigil:restart-counts"),
  /** One count per process the launcher supervises in its mode. */
  counts: z.partialRecord(z.enum(SUPERVISED_PROCESSES), z.number().int().nonnegative()),
});
