// The second factor's errors: messages written for the admin at the form.
import { VigilError } from "../../errors";

export class WrongCodeError extends VigilError {
  constructor(message = "that code is not right; use the current one from your app") {
    super("invalid_input", message);
  }
}

export class SecondFactorConflictError extends VigilError {
  constructor(message: string) {
    super("conflict", message);
  }
}
