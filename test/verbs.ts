// Tests call verbs the way the console and the admin API do: the input parsed with the verb's own
// schema, then `verb({ ctx, input })`. parsedVerb gives the old positional shape back to keep test
// bodies short; a parse error rejects the returned promise, as a verb's own errors do.
import type { z } from "zod";
import type { Action, ActionContext, SystemActor } from "../lib/action-context";
import type { Actor } from "../lib/auth/actor";

export const TEST_DOMAIN = "status.test";

export function ctxFor<A extends Actor | SystemActor>(actor: A, now: Date = new Date()): ActionContext<A> {
  return { actor, now, messageIdDomain: TEST_DOMAIN };
}

export function parsedVerb<S extends z.ZodType, A extends Actor | SystemActor, R>(verb: (action: Action<z.output<S>, A>) => Promise<R>, schema: S) {
  return async (input: z.input<S>, actor: A, now: Date = new Date()): Promise<R> => verb({ ctx: ctxFor(actor, now), input: schema.parse(input) });
}
