// Input of the outbox's admin verbs; the console's actions parse with these schemas.
import { z } from "zod";

const outboxId = z.string().regex(/^\d{1,19}$/, "outbox ids are numbers");

export const RetryOutboxMessages = z.union([z.object({ ids: z.array(outboxId).min(1).max(10_000) }), z.object({ incidentUpdateId: z.string().min(1) })]);
export type RetryOutboxMessages = z.infer<typeof RetryOutboxMessages>;

export const RetryOutboxMessage = z.object({ id: outboxId });
export type RetryOutboxMessage = z.infer<typeof RetryOutboxMessage>;
