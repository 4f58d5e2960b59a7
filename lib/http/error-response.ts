// The one place an error becomes an answer: an HTTP response (public and admin API alike) or a
// console form result. zod → 422 with field errors, Vigil's typed errors by their code's status,
// anything else → 500 (or a generic form message) without internals, logged.
import "server-only";
import { ZodError } from "zod";
import { HTTP_STATUS_BY_ERROR_CODE, VigilError, type ErrorBody, type ErrorCode, type FieldErrors } from "../errors";
import { logger } from "../log";

export const NO_STORE = { "Cache-Control": "no-store" } as const;

/** A console form's failed result: a sentence for people and the messages per field. */
export type FormError = { ok: false; error: string; fieldErrors: FieldErrors; signedOut?: boolean };

/** The JSON error response for a code; `headers` add to no-store (e.g. WWW-Authenticate). */
export function errorJson(code: ErrorCode, message: string, options: { fieldErrors?: FieldErrors; headers?: Record<string, string> } = {}): Response {
  const body: ErrorBody = { error: { code, message, ...(options.fieldErrors ? { fieldErrors: options.fieldErrors } : {}) } };
  return Response.json(body, { status: HTTP_STATUS_BY_ERROR_CODE[code], headers: { ...NO_STORE, ...options.headers } });
}

export function errorResponse(error: unknown, options: { headers?: Record<string, string> } = {}): Response {
  if (error instanceof ZodError) return errorJson("invalid_input", error.issues[0]?.message ?? "invalid input", { fieldErrors: fieldErrors(error), ...options });
  if (error instanceof VigilError) return errorJson(error.code, error.message, { ...(error.fieldErrors ? { fieldErrors: error.fieldErrors } : {}), ...options });
  logger().error({ err: error }, "unexpected error in a route handler");
  return errorJson("internal", "something went wrong", options);
}

const GENERIC_FORM_ERROR = "Something went wrong and nothing was changed. Try again; if it keeps failing, check the server log.";

export function formError(error: unknown): FormError {
  if (error instanceof ZodError) return { ok: false, error: "Please correct the highlighted fields.", fieldErrors: fieldErrors(error) };
  if (error instanceof VigilError) {
    if (error.code === "unauthenticated") return { ok: false, error: "Your session has ended. Sign in again.", fieldErrors: {}, signedOut: true };
    if (error.code === "foreign_origin") return { ok: false, error: "This request did not come from this site.", fieldErrors: {} };
    // VigilError messages are written for people and carry no internals.
    return { ok: false, error: capitalise(error.message), fieldErrors: error.fieldErrors ?? {} };
  }
  logger().error({ err: error }, "admin action failed");
  return { ok: false, error: GENERIC_FORM_ERROR, fieldErrors: {} };
}

/** For a page that shows an error to a visitor: zod's and Vigil's own messages; anything else is rethrown, never shown. */
export function visibleErrorMessage(error: unknown): string {
  if (error instanceof ZodError) return error.issues[0]?.message ?? "invalid input";
  if (error instanceof VigilError) return error.message;
  throw error;
}

export function fieldErrors(error: ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "body";
    (errors[key] ??= []).push(issue.message);
  }
  return errors;
}

function capitalise(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1) + (/[.!?]$/.test(message) ? "" : ".");
}
