/** @jsxImportSource preact */
// A component's last 90 days as one strip: an inline SVG with one path per status (a dashed line
// whose dashes are the days), not one element per day, so 50 components stay light. The strip is one
// tab stop; the client script makes it a slider over the days whose value text is the day's details,
// read on demand from /api/v2/components/:id/uptime.json (the id is the list item's
// data-component-id, the first day the components section's data-from). Without JavaScript the SVG
// is an image whose text alternative counts the days by status, and the legend gives the 90-day uptime.
import type { SnapshotComponent, SnapshotDay } from "@/lib/public-read/status-snapshot-types";
import type { Translator } from "@/lib/i18n/translator";
import { useT } from "./i18n";

type DayStatus = NonNullable<SnapshotDay["worstStatus"]> | "none";

const statusOf = (day: SnapshotDay): DayStatus => day.worstStatus ?? "none";

/** Runs of consecutive days with one status, as path data per status: "M<first day> .5h<days>…". */
export function dayRuns(days: readonly SnapshotDay[]): Map<DayStatus, string> {
  const runs = new Map<DayStatus, string>();
  let start = 0;
  for (let i = 1; i <= days.length; i++) {
    const status = statusOf(days[start]!);
    if (i < days.length && statusOf(days[i]!) === status) continue;
    runs.set(status, `${runs.get(status) ?? ""}M${start} .5h${i - start}`);
    start = i;
  }
  return runs;
}

/** "59 days operational, 1 day major outage, 30 days without data". */
export function daysSummary({ t }: Translator, days: readonly SnapshotDay[]): string {
  const counts = new Map<DayStatus, number>();
  for (const day of days) counts.set(statusOf(day), (counts.get(statusOf(day)) ?? 0) + 1);
  return [...counts]
    .map(([status, count]) => t(`days.${status}`, { count }))
    .join(", ");
}

export function DayStrip({ component }: { component: SnapshotComponent }) {
  const { days } = component;
  const t = useT();
  return (
    <div class="days" role="group" aria-label={t.t("days.label", { name: component.name, count: days.length })}>
      <svg viewBox={`0 0 ${days.length} 1`} preserveAspectRatio="none" role="img" aria-label={daysSummary(t, days)}>
        {[...dayRuns(days)].map(([status, path]) => (
          <path key={status} class={`d-${status}`} d={path} />
        ))}
      </svg>
    </div>
  );
}
