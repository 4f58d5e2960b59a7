// Who is acting, for the data layer: every mutating verb checks the role itself, so no caller
// (page, action, route, job) can forget to.
import { VigilError } from "../errors";

export type Role = "owner" | "editor" | "viewer";
export type Actor = { adminId: string; email: string; role: Role; ip?: string | null };

export class ForbiddenError extends VigilError {
  constructor(message = "your role does not allow this") {
    super("forbidden", message);
  }
}

/** Editors and owners change incidents, maintenance, components and monitors; viewers only read. */
export function assertCanEdit(actor: Actor): void {
  if (actor.role !== "owner" && actor.role !== "editor") throw new ForbiddenError();
}

/** Only owners manage admins. */
export function assertOwner(actor: Actor): void {
  if (actor.role !== "owner") throw new ForbiddenError("only an owner can do this");
}

export function canEdit(actor: Actor): boolean {
  return actor.role === "owner" || actor.role === "editor";
}
