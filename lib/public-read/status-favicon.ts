// The status-coloured favicon (/favicon-status.svg): public/favicon.svg's circle in the banner's
// colour for the page indicator, with a mark that does not rely on colour alone. Pure.
import type { PageIndicator } from "../status/component-rollup";

const COLOURS: Record<PageIndicator, string> = { none: "#1a7f37", minor: "#9a6700", major: "#bc4c00", critical: "#cf222e", maintenance: "#0969da" };

const CHECK = "M9 16.5l4.5 4.5 9.5-9.5";
const EXCLAMATION = "M16 8v10M16 23.5v.5";
const CROSS = "M10.5 10.5l11 11M21.5 10.5l-11 11";
const CLOCK = "M16 9v7l4.5 3";
const MARKS: Record<PageIndicator, string> = { none: CHECK, minor: EXCLAMATION, major: EXCLAMATION, critical: CROSS, maintenance: CLOCK };

export function statusFaviconSvg(indicator: PageIndicator): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="15" fill="${COLOURS[indicator]}"/><path d="${MARKS[indicator]}" fill="none" stroke="#fff" stroke-width="3.5" stroke-linecap="round" stroke-linejoin="round"/></svg>`;
}
