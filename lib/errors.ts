// Typed errors. Each carries a stable code; route handlers map them to HTTP once, the launcher
// prints StartupError as one line and exits non-zero.

export class VigilError extends Error {
  constructor(
    readonly code: string,
    message: string,
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
