// MAINTENANCE_REMINDERS: how long before a window starts subscribers get a reminder, e.g. "24h,1h".
import { z } from "zod";
import type { Translator } from "../i18n/translator";

const UNIT_MINUTES = { m: 1, h: 60, d: 1440 } as const;
const MAX_MINUTES = 7 * 1440;

/** "24h, 1h" → [1440, 60] (minutes, largest first, each once); "" or "off" → none. */
export const ReminderOffsets = z.string().transform((value, context) => {
  const entries = value.trim().toLowerCase() === "off" ? [] : value.toLowerCase().split(/[\s,]+/).filter(Boolean);
  const minutes = new Set<number>();
  for (const entry of entries) {
    const match = /^(\d{1,5})([mhd])$/.exec(entry);
    const amount = match ? Number(match[1]) * UNIT_MINUTES[match[2] as keyof typeof UNIT_MINUTES] : NaN;
    if (!(amount >= 1 && amount <= MAX_MINUTES)) {
      context.addIssue({ code: "custom", message: `"${entry}" is not a duration between 1m and 7d such as 30m, 1h or 24h` });
      return z.NEVER;
    }
    minutes.add(amount);
  }
  return [...minutes].sort((a, b) => b - a);
});

/** "1 hour", "30 minutes", "1 day" (in `t`'s language): how a reminder names its lead time. */
export function leadTimeText({ t }: Translator, minutes: number): string {
  if (minutes % 1440 === 0) return t("email.lead.days", { count: minutes / 1440 });
  if (minutes % 60 === 0) return t("email.lead.hours", { count: minutes / 60 });
  return t("email.lead.minutes", { count: minutes });
}
