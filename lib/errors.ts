// The one error module: every error Vigil reports has a code from a closed list, each code has one
// HTTP status, and every JSON error body has one shape. lib/http/error-response.ts turns an error
// into that body (or a console form result) in one place; the launcher prints StartupError as one
// line and exits non-zero.

export type ErrorCode =
  | "invalid_input"
  | "invalid_json"
  | "invalid_characters"
  | "bad_request"
  | "payload_too_large"
  | "length_required"
  | "unauthenticated"
  | "forbidden"
  | "foreign_origin"
  | "not_found"
  | "invalid_link"
  | "admin_not_found"
  | "conflict"
  | "admin_exists"
  | "setup_unavailable"
  | "unknown_components"
  | "unknown_scope"
  | "startup"
  | "internal"
  | "unavailable";

/** Each code's HTTP status: the public and the admin API share it, and a new code must name one. */
export const HTTP_STATUS_BY_ERROR_CODE: Readonly<Record<ErrorCode, number>> = {
  invalid_input: 422,
  invalid_json: 400,
  invalid_characters: 400,
  bad_request: 400,
  payload_too_large: 413,
  length_required: 411,
  unauthenticated: 401,
  forbidden: 403,
  foreign_origin: 403,
  not_found: 404,
  invalid_link: 404,
  admin_not_found: 404,
  conflict: 409,
  admin_exists: 409,
  setup_unavailable: 400,
  unknown_components: 422,
  unknown_scope: 422,
  startup: 500,
  internal: 500,
  unavailable: 503,
};

/** Messages per field path (`components.0.status`); a problem with the whole input is under "body". */
export type FieldErrors = Record<string, string[]>;

/** The body of every JSON error response. */
export type ErrorBody = { error: { code: ErrorCode; message: string; fieldErrors?: FieldErrors } };

export class VigilError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** The fields at fault, when the error is about some of them. */
    readonly fieldErrors?: FieldErrors,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Something that stops Vigil from starting: printed as one line, exit code 1. */
export class StartupError extends VigilError {
  constructor(message: string) {
    super("startup", message);
  }
}

export class UnknownComponentsError extends VigilError {
  constructor(ids: string[]) {
    super("unknown_components", `no component with id ${ids.join(", ")}`);
  }
}

export class NotFoundError extends VigilError {
  constructor(what: string, id: string) {
    super("not_found", `no ${what} with id ${id}`);
  }
}

/** Objects declared in vigil.config.yaml change there, not in the console or the API. */
export class ManagedByConfigError extends VigilError {
  constructor(what: string) {
    super("conflict", `this ${what} is managed by the configuration file; change it there`);
  }
}

export class InvalidJsonError extends VigilError {
  constructor() {
    super("invalid_json", "the request body must be a JSON object");
  }
}

export class PayloadTooLargeError extends VigilError {
  constructor(limitBytes: number) {
    super("payload_too_large", `the request body must be at most ${limitBytes} bytes`);
  }
}

/** Text no field may hold (NUL and other control characters): lib/text/safe-text.ts decides which. */
export class UnsafeTextError extends VigilError {
  constructor(fieldErrors: FieldErrors) {
    super("invalid_characters", "the input contains control characters (such as NUL)", fieldErrors);
  }
}
