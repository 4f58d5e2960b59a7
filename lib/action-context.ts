// The one contract of every mutating domain verb: `verb({ ctx, input })`. `input` is the verb's
// schema's parsed output (callers parse; the type says it happened), `ctx` is who acts and when:
// the edges (server-action wrapper, admin-route wrapper, job loops, CLIs) read the clock once and
// pass it, so verbs never do.
import type { Actor } from "./auth/actor";

/** Vigil itself acting (the config file, the admin CLI, a job): audited under `system`. */
export type SystemActor = { system: string };

export type ActionContext<A extends Actor | SystemActor = Actor | SystemActor> = {
  actor: A;
  now: Date;
  /** The domain of the Message-IDs of the emails a verb enqueues (the public hostname). */
  messageIdDomain: string;
};

/** A signed-in admin acting from one of their sessions: the console (changing a password keeps this one). */
export type SessionContext = ActionContext<Actor> & { sessionId: string };

/** The single argument of a verb; verbs that must be a signed-in admin narrow `A` to Actor. */
export type Action<Input, A extends Actor | SystemActor = Actor | SystemActor> = { ctx: ActionContext<A>; input: Input };

/** A verb a visitor calls without an account (sign-in, first-run setup): when, and from where. */
export type VisitorContext = { now: Date; client: { ip: string | null; userAgent: string | null } };

/** The single argument of a visitor's verb. */
export type Visit<Input> = { ctx: VisitorContext; input: Input };

export function isSystemActor(actor: Actor | SystemActor): actor is SystemActor {
  return "system" in actor;
}
