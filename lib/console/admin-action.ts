// The one wrapper every console server action goes through: same-origin check, live session, role,
// no control characters in any field, the form parsed with the verb's own schema, then the verb (which checks the role again). It
// returns `{ ok }` or `{ error, fieldErrors }` — messages written for people, never a raw exception.
// Independent of Next: app/admin/actions.ts feeds it the request's cookie, headers and clock.
import "server-only";
import type { z } from "zod";
import type { SessionContext } from "../action-context";
import { canEdit } from "../auth/actor";
import { assertSameOrigin, authenticate, type RequestFacts } from "../auth/request-guard";
import { publicHostname } from "../env";
import { UnsafeTextError, type FieldErrors } from "../errors";
import { formError, type FormError } from "../http/error-response";
import { isUnsafeText, UNSAFE_TEXT_MESSAGE } from "../text/safe-text";

export type ActionState = { ok: true; message?: string; redirectTo?: string; data?: Record<string, unknown> } | FormError;

export type ActionSuccess = { message?: string; redirectTo?: string; data?: Record<string, unknown> } | void;

type Need = "view" | "edit" | "owner";

/**
 * What the registry holds: who may call it, how to run it on a posted form, and whether it is part
 * of setting up a second factor (the only actions open to a session that owes one).
 */
export type ConsoleAction = { need: Need; enrolment?: boolean; perform: (form: FormData, ctx: SessionContext) => Promise<ActionSuccess> };

export function defineAction<S extends z.ZodType>(action: {
  /** Who may call it: any signed-in admin, editors and owners, or owners. */
  need: Need;
  /** Open while the admin's role requires a second factor this session has not shown (enrolment). */
  enrolment?: boolean;
  /** The verb's own input schema. */
  schema: S;
  /** Form fields → the shape the schema parses (absent fields undefined, so defaults apply). */
  fromForm: (form: FormData) => unknown;
  run: (input: z.output<S>, ctx: SessionContext) => Promise<ActionSuccess>;
}): ConsoleAction {
  return { need: action.need, enrolment: action.enrolment, perform: (form, ctx) => action.run(action.schema.parse(action.fromForm(form)), ctx) };
}

export async function executeAdminAction(action: ConsoleAction, facts: RequestFacts, form: FormData, now: Date): Promise<ActionState> {
  try {
    assertSameOrigin(facts);
    const session = await authenticate(facts, now);
    if ((action.need === "edit" && !canEdit(session.actor)) || (action.need === "owner" && session.actor.role !== "owner")) {
      return { ok: false, error: "Your role does not allow this.", fieldErrors: {} };
    }
    if (session.secondFactorOwed && !action.enrolment) {
      return { ok: false, error: "Your role requires a second factor: set one up under Account first.", fieldErrors: {} };
    }
    assertSafeForm(form);
    const result = await action.perform(form, { actor: session.actor, sessionId: session.sessionId, now, messageIdDomain: publicHostname() });
    return { ok: true, ...(result ?? {}) };
  } catch (error) {
    return formError(error);
  }
}

/** Refuses a form with NUL or another control character in any field, naming the fields. */
export function assertSafeForm(form: FormData): void {
  const errors: FieldErrors = {};
  for (const [name, value] of form.entries()) {
    if (typeof value === "string" && isUnsafeText(value)) errors[name] = [UNSAFE_TEXT_MESSAGE];
  }
  if (Object.keys(errors).length > 0) throw new UnsafeTextError(errors);
}

// ---- form field readers: absent fields are undefined so schema defaults apply ----

export function text(form: FormData, name: string): string | undefined {
  const value = form.get(name);
  return typeof value === "string" ? value : undefined;
}

export function checkbox(form: FormData, name: string): boolean {
  return form.get(name) === "on" || form.get(name) === "true";
}

export function list(form: FormData, name: string): string[] {
  return form.getAll(name).filter((value): value is string => typeof value === "string" && value !== "");
}

/** A JSON text field; invalid JSON is passed on as the string, so the schema reports it. */
export function json(form: FormData, name: string): unknown {
  const value = text(form, name);
  if (value === undefined || value.trim() === "") return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
