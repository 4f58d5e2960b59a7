// Who is acting, for the data layer: every mutating verb checks the role itself, so no caller
// (page, action, route, job) can forget to. Vigil itself (a SystemActor: config file, CLI, jobs)
// passes every check: it is trusted code, not a visitor.
import { isSystemActor, type SystemActor } from "../action-context";
import { VigilError } from "../errors";

export type Role = "owner" | "editor" | "viewer";
export type Actor = { adminId: string; email: string; role: Role; ip?: string | null };

export class ForbiddenError extends VigilError {
  constructor(message = "your role does not allow this") {
    super("forbidden", message);
  }
}

/** Editors and owners change incidents, maintenance, components and monitors; viewers only read. */
export function assertCanEdit(actor: Actor | SystemActor): void {
  if (!canEdit(actor)) throw new ForbiddenError();
}

/** Only owners manage admins. */
export function assertOwner(actor: Actor | SystemActor): void {
  if (!isSystemActor(actor) && actor.role !== "owner") throw new ForbiddenError("only an owner can do this");
}

export function canEdit(actor: Actor | SystemActor): boolean {
  return isSystemActor(actor) || actor.role === "owner" || actor.role === "editor";
}

/** The admin behind an actor, for author columns; null when Vigil itself acts. */
export function adminIdOf(actor: Actor | SystemActor): string | null {
  return isSystemActor(actor) ? null : actor.adminId;
}
