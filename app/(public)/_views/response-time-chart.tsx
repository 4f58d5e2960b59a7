/** @jsxImportSource preact */
// A component's response times over 24 hours, 7 days and 30 days (its monitors taken together):
// radio buttons pick the window without JavaScript; each window shows its figures as text (average,
// highest, latest), a line of the averages against a time axis and a 0-based millisecond axis, or
// "Collecting data…" while it has fewer than two points to draw. Weight matters (50 components on
// one page): the line is relative path data in whole units, the week is drawn in 3-hour steps, and
// the axis words that never change come from the stylesheet.
import { Fragment } from "preact";
import type { MessageKey } from "@/lib/i18n/translator";
import type { LatencyPoint, SnapshotComponent } from "@/lib/public-read/status-snapshot-types";
import { useT } from "./i18n";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** The plot's height in SVG units; its width is the window's number of buckets (one unit each). */
const PLOT_HEIGHT = 40;

/** A window: its points, and the step its line is drawn in (one SVG unit; points in one step are merged). */
type ChartWindow = { key: "c24" | "c7" | "c30"; label: MessageKey; stepMs: number; spanMs: number; points: readonly LatencyPoint[] };

function windowsOf(component: SnapshotComponent, now: number): ChartWindow[] {
  return [
    { key: "c24", label: "chart.window24h", stepMs: HOUR_MS, spanMs: DAY_MS, points: component.latencyHourly.filter((p) => Date.parse(p.at) >= now - DAY_MS) },
    { key: "c7", label: "chart.window7d", stepMs: 3 * HOUR_MS, spanMs: 7 * DAY_MS, points: component.latencyHourly },
    { key: "c30", label: "chart.window30d", stepMs: DAY_MS, spanMs: 30 * DAY_MS, points: component.latencyDaily },
  ];
}

/** The smallest 1, 2 or 5 × 10ⁿ at or above `value`: the top of the millisecond axis. */
export function axisTop(value: number): number {
  const power = 10 ** Math.floor(Math.log10(Math.max(value, 1)));
  return [1, 2, 5, 10].map((step) => step * power).find((top) => top >= value)!;
}

/** Figures of a window: the mean of its averages, the highest single response, the latest average. */
export function latencyFigures(points: readonly LatencyPoint[]): { average: number; highest: number; latest: number } {
  return {
    average: Math.round(points.reduce((sum, p) => sum + p.avgMs, 0) / points.length),
    highest: Math.max(...points.map((p) => p.maxMs ?? p.avgMs)),
    latest: points.at(-1)!.avgMs,
  };
}

/**
 * The line as compact relative path data: x counts steps since `start`, y is the mean of the step's
 * averages scaled to `top` (0 at the bottom).
 */
export function latencyPath(points: readonly LatencyPoint[], start: number, stepMs: number, top: number): string {
  const steps = new Map<number, { sum: number; count: number }>();
  for (const p of points) {
    const x = Math.round((Date.parse(p.at) - start) / stepMs);
    const step = steps.get(x) ?? { sum: 0, count: 0 };
    step.sum += p.avgMs;
    step.count += 1;
    steps.set(x, step);
  }
  const xy = [...steps].map(([x, { sum, count }]) => [x, PLOT_HEIGHT - 1 - Math.round((sum / count / top) * (PLOT_HEIGHT - 2))] as const);
  // Each step "dx dy": x only grows, and a negative dy needs no separator.
  const moves = xy.slice(1).map(([x, y], i) => {
    const [px, py] = xy[i]!;
    return `${x - px}${y - py < 0 ? "" : " "}${y - py}`;
  });
  return `M${xy[0]![0]} ${xy[0]![1]}l${moves.join(" ")}`;
}

/** One chart per component; none for a component that has no response times at all. */
export function ResponseTimeChart({ component, now, index }: { component: SnapshotComponent; now: number; index: number }) {
  const { t } = useT();
  const windows = windowsOf(component, now);
  if (windows.every((w) => w.points.length === 0)) return null;
  const name = `rt${index}`;
  return (
    <div class="chart" role="group" aria-label={t("chart.label", { name: component.name })}>
      <span class="chart-title">{t("chart.title")}</span>
      {windows.map((w, i) => (
        <Fragment key={w.key}>
          <input type="radio" name={name} id={`${name}${w.key}`} checked={i === 0} />
          <label for={`${name}${w.key}`}>{t(w.label)}</label>
        </Fragment>
      ))}
      {windows.map((w) => (
        <Plot key={w.key} window={w} now={now} />
      ))}
    </div>
  );
}

function Plot({ window: w, now }: { window: ChartWindow; now: number }) {
  const { t, rich } = useT();
  if (w.points.length < 2) return <p class={`${w.key} muted`}>{t("chart.collecting")}</p>;
  const { average, highest, latest } = latencyFigures(w.points);
  const top = axisTop(Math.max(...w.points.map((p) => p.avgMs)));
  return (
    <div class={w.key}>
      <p>
        {rich("chart.figures", { average, highest, latest, b: (chunks) => <b>{chunks}</b> })}
      </p>
      {/* The figures above are the text alternative; the line and its axes (the stylesheet adds
          "0", "now" and where the window starts) repeat them as a picture. */}
      <div class="plot" aria-hidden="true">
        <span>{top} ms</span>
        <svg viewBox={`0 0 ${w.spanMs / w.stepMs} ${PLOT_HEIGHT}`} preserveAspectRatio="none">
          <path d={latencyPath(w.points, now - w.spanMs, w.stepMs, top)} />
        </svg>
      </div>
    </div>
  );
}
