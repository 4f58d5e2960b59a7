import { VigilError } from "../errors";

/** Objects declared in vigil.config.yaml change there, not in the console or the API. */
export class ManagedByConfigError extends VigilError {
  constructor(what: string) {
    super("conflict", `this ${what} is managed by the configuration file; change it there`);
  }
}

export class NotFoundError extends VigilError {
  constructor(what: string, id: string) {
    super("not_found", `no ${what} with id ${id}`);
  }
}
