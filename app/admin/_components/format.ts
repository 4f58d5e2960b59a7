// Times in the console are shown in UTC, unambiguous for a team spread over time zones.
export function formatTime(date: Date | string | null | undefined): string {
  if (!date) return "—";
  const iso = (typeof date === "string" ? new Date(date) : date).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

export function label(value: string): string {
  return value.replaceAll("_", " ");
}

/** Incident statuses an admin can post, in order. */
export const PROGRESS = ["investigating", "identified", "monitoring", "resolved"] as const;
