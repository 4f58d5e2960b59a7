// The rules an incident's times keep when an admin corrects them (backdating included): nothing in
// the future, resolution after the start, and the timeline inside [start, resolution]. Pure: the
// verb loads the incident and its updates and throws what this returns.
import type { FieldErrors } from "../errors";
import type { IncidentStatus } from "../generated/prisma/enums";

export type TimelineEntry = { id: string; status: IncidentStatus; displayAt: Date };

export type IncidentTimes = {
  now: Date;
  current: { startedAt: Date; resolvedAt: Date | null; resolved: boolean };
  /** What the admin asks for; absent fields stay. */
  next: { startedAt?: Date; resolvedAt?: Date };
  /** In the order they were posted. */
  updates: readonly TimelineEntry[];
};

const at = (date: Date) => date.toISOString().replace("T", " ").slice(0, 16) + " UTC";

/**
 * The update that resolved the incident as it stands: the first "resolved" one posted after the
 * last update of an open status (an incident reopened and resolved again counts its last resolution).
 */
export function resolvingUpdate(updates: readonly TimelineEntry[]): TimelineEntry | null {
  let found: TimelineEntry | null = null;
  for (const update of updates) {
    if (update.status === "resolved") found ??= update;
    else if (update.status !== "postmortem") found = null;
  }
  return found;
}

/** Field errors for the requested times; empty when they may be saved. */
export function checkIncidentTimes({ now, current, next, updates }: IncidentTimes): FieldErrors {
  const errors: FieldErrors = {};
  const add = (field: string, message: string) => void (errors[field] ??= []).push(message);
  const startedAt = next.startedAt ?? current.startedAt;
  const resolution = resolvingUpdate(updates);

  if (next.startedAt) {
    if (next.startedAt > now) add("startedAt", "cannot be in the future");
    const first = updates[0];
    if (first && next.startedAt > first.displayAt) add("startedAt", `must be no later than the first update (${at(first.displayAt)})`);
  }
  if (next.resolvedAt) {
    if (!current.resolved) add("resolvedAt", "only a resolved incident has a resolution time; post a resolved update instead");
    else {
      if (next.resolvedAt > now) add("resolvedAt", "cannot be in the future");
      // Every update posted before the resolution happened before it.
      const before = resolution ? updates.slice(0, updates.indexOf(resolution)) : updates;
      const latest = before.reduce<Date | null>((max, u) => (!max || u.displayAt > max ? u.displayAt : max), null);
      if (latest && next.resolvedAt < latest) add("resolvedAt", `must be no earlier than the last update before it (${at(latest)})`);
    }
  }
  const resolvedAt = next.resolvedAt ?? current.resolvedAt;
  if (current.resolved && resolvedAt && resolvedAt <= startedAt && (next.startedAt || next.resolvedAt)) {
    add(next.resolvedAt ? "resolvedAt" : "startedAt", "the incident must be resolved after it started");
  }
  return errors;
}
