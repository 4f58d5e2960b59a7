// The one wrapper every console server action goes through: same-origin check, live session, role,
// then the verb (which parses its input with its zod schema and checks the role again). It returns
// `{ ok }` or `{ error, fieldErrors }` — messages written for people, never a raw exception.
// Independent of Next: app/admin/actions.ts feeds it the request's cookie and headers.
import "server-only";
import { ZodError } from "zod";
import { canEdit, type Actor } from "../auth/actor";
import { assertSameOrigin, authenticate, type RequestFacts } from "../auth/request-guard";
import { publicHostname } from "../env";
import { VigilError } from "../errors";
import { logger } from "../log";

export type FieldErrors = Record<string, string[]>;
export type ActionState =
  | { ok: true; message?: string; redirectTo?: string; data?: Record<string, unknown> }
  | { ok: false; error: string; fieldErrors: FieldErrors; signedOut?: boolean };

export type ActionContext = { actor: Actor; sessionId: string; now: Date; messageIdDomain: string };
export type ActionSuccess = { message?: string; redirectTo?: string; data?: Record<string, unknown> } | void;

export type AdminAction<T = unknown> = {
  /** Who may call it: any signed-in admin, editors and owners, or owners. */
  need: "view" | "edit" | "owner";
  /** Turns form fields into the verb's input shape; validation is the verb's zod schema. */
  fromForm: (form: FormData) => T;
  run: (input: T, context: ActionContext) => Promise<ActionSuccess>;
};

export function defineAction<T>(action: AdminAction<T>): AdminAction<T> {
  return action;
}

const GENERIC_ERROR = "Something went wrong and nothing was changed. Try again; if it keeps failing, check the server log.";

export async function executeAdminAction<T>(action: AdminAction<T>, facts: RequestFacts, form: FormData, now: Date = new Date()): Promise<ActionState> {
  try {
    assertSameOrigin(facts);
    const session = await authenticate(facts, now);
    if ((action.need === "edit" && !canEdit(session.actor)) || (action.need === "owner" && session.actor.role !== "owner")) {
      return { ok: false, error: "Your role does not allow this.", fieldErrors: {} };
    }
    const result = await action.run(action.fromForm(form), { actor: session.actor, sessionId: session.sessionId, now, messageIdDomain: publicHostname() });
    return { ok: true, ...(result ?? {}) };
  } catch (error) {
    return toActionError(error);
  }
}

export function toActionError(error: unknown): Extract<ActionState, { ok: false }> {
  if (error instanceof ZodError) return { ok: false, error: "Please correct the highlighted fields.", fieldErrors: fieldErrors(error) };
  if (error instanceof VigilError) {
    if (error.code === "unauthenticated") return { ok: false, error: "Your session has ended. Sign in again.", fieldErrors: {}, signedOut: true };
    if (error.code === "foreign_origin") return { ok: false, error: "This request did not come from this site.", fieldErrors: {} };
    // VigilError messages are written for people and carry no internals.
    return { ok: false, error: capitalise(error.message), fieldErrors: {} };
  }
  logger().error({ err: error }, "admin action failed");
  return { ok: false, error: GENERIC_ERROR, fieldErrors: {} };
}

export function fieldErrors(error: ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "form";
    (errors[key] ??= []).push(issue.message);
  }
  return errors;
}

function capitalise(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1) + (/[.!?]$/.test(message) ? "" : ".");
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
