// Route handlers map errors to HTTP once, here: zod → 422 with field errors, Vigil's typed errors
// by code, anything else → 500 without internals. Every error body is { error: { code, message } }.
import "server-only";
import { ZodError } from "zod";
import { VigilError } from "../errors";
import { logger } from "../log";

/** The HTTP status of each typed error code (anything else is 400); the public and admin APIs share it. */
export const HTTP_STATUS_BY_ERROR_CODE: Readonly<Record<string, number>> = {
  invalid_link: 404,
  not_found: 404,
  unauthenticated: 401,
  forbidden: 403,
  foreign_origin: 403,
  conflict: 409,
  admin_exists: 409,
  unknown_components: 422,
  unknown_scope: 422,
};

export function errorResponse(error: unknown): Response {
  if (error instanceof ZodError) {
    const fieldErrors = Object.fromEntries(error.issues.map((issue) => [issue.path.join(".") || "body", issue.message]));
    return Response.json({ error: { code: "invalid_input", message: error.issues[0]?.message ?? "invalid input", fieldErrors } }, { status: 422, headers: NO_STORE });
  }
  if (error instanceof VigilError) {
    return Response.json({ error: { code: error.code, message: error.message } }, { status: HTTP_STATUS_BY_ERROR_CODE[error.code] ?? 400, headers: NO_STORE });
  }
  logger().error({ err: error }, "unexpected error in a route handler");
  return Response.json({ error: { code: "internal", message: "something went wrong" } }, { status: 500, headers: NO_STORE });
}

/** For a page that shows an error to a visitor: zod's and Vigil's own messages; anything else is rethrown, never shown. */
export function visibleErrorMessage(error: unknown): string {
  if (error instanceof ZodError) return error.issues[0]?.message ?? "invalid input";
  if (error instanceof VigilError) return error.message;
  throw error;
}

export const NO_STORE = { "Cache-Control": "no-store" } as const;

/** The JSON body of a request, or a 422-mapped error naming the problem. */
export async function readJsonBody(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw new ZodError([{ code: "custom", path: [], message: "the body must be JSON", input: undefined }]);
  }
}
