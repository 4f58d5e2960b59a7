// Who is acting, for the data layer: every mutating verb checks the role itself, so no caller
// (page, action, route, job) can forget to.
import { VigilError } from "../errors";

export type Actor = { adminId: string; email: string; role: "owner" | "editor" | "viewer"; ip?: string | null };

export class ForbiddenError extends VigilError {
  constructor(message = "your role does not allow this") {
    super("forbidden", message);
  }
}

export function assertCanEdit(actor: Actor): void {
  if (actor.role !== "owner" && actor.role !== "editor") throw new ForbiddenError();
}
