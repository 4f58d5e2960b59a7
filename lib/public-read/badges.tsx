/** @jsxImportSource preact */
// Status badges: the page's status, a component's status or 90-day uptime, a monitor's days of
// certificate left — as flat SVG (shields.io look, text included so it reads without colour) and
// as shields.io "endpoint" JSON. Pure: snapshot (or monitor certificate) and now in.
//
//   resolveBadge(snapshot, subject, kind): Badge | null   subject null: the whole page
//   certificateBadge(certificate, now): Badge
//   unknownBadge(label): Badge                           for an address that names nothing
//   badgeSvg(badge), shieldsEndpoint(badge)
import { renderToString } from "preact-render-to-string";
import { COMPONENT_STATUS_LABELS } from "../status/component-status";
import type { MonitorCertificate } from "./monitor-certificate";
import type { StatusSnapshot } from "./status-snapshot-types";
import { formatUptimePercent } from "../status/uptime";

export type Badge = { label: string; message: string; color: string };
export type BadgeKind = "status" | "uptime";

const COLORS = { green: "#1a7f37", yellow: "#9a6700", orange: "#bc4c00", red: "#cf222e", blue: "#0969da", grey: "#57606a" } as const;

const STATUS_COLORS = {
  operational: COLORS.green,
  degraded_performance: COLORS.yellow,
  partial_outage: COLORS.orange,
  major_outage: COLORS.red,
  under_maintenance: COLORS.blue,
} as const;

const INDICATOR_COLORS = { none: COLORS.green, minor: COLORS.yellow, major: COLORS.orange, critical: COLORS.red, maintenance: COLORS.blue } as const;

export function resolveBadge(snapshot: StatusSnapshot, subject: string | null, kind: BadgeKind): Badge | null {
  if (subject === null) {
    return kind === "status" ? { label: snapshot.page.name, message: snapshot.status.description, color: INDICATOR_COLORS[snapshot.status.indicator] } : null;
  }
  const wanted = subject.toLowerCase();
  const component = snapshot.components.find((c) => c.id === subject || c.name.toLowerCase() === wanted);
  if (!component) return null;
  if (kind === "status") return { label: component.name, message: COMPONENT_STATUS_LABELS[component.status].toLowerCase(), color: STATUS_COLORS[component.status] };
  const uptime = component.uptime["90d"];
  const text = formatUptimePercent(uptime);
  if (uptime === null || !text) return { label: `${component.name} uptime`, message: "no data", color: COLORS.grey };
  return { label: `${component.name} uptime`, message: text, color: uptime >= 0.999 ? COLORS.green : uptime >= 0.99 ? COLORS.yellow : uptime >= 0.95 ? COLORS.orange : COLORS.red };
}

/** Days left of the monitor's newest certificate. */
export function certificateBadge({ certExpiresAt }: MonitorCertificate, now: Date): Badge {
  if (!certExpiresAt) return { label: "certificate", message: "unknown", color: COLORS.grey };
  const days = Math.floor((Date.parse(certExpiresAt) - now.getTime()) / 86_400_000);
  if (days < 0) return { label: "certificate", message: "expired", color: COLORS.red };
  return { label: "certificate", message: `${days} day${days === 1 ? "" : "s"} left`, color: days < 7 ? COLORS.red : days < 14 ? COLORS.orange : days < 30 ? COLORS.yellow : COLORS.green };
}

/** What an SVG badge address naming nothing (an unknown component or monitor) shows. */
export function unknownBadge(label: string): Badge {
  return { label, message: "unknown", color: COLORS.grey };
}

/** Rough Verdana 11px advance widths, as shields.io's flat style assumes. */
function textWidth(text: string): number {
  let width = 0;
  for (const char of text) width += /[ilj.,:;'|!]/.test(char) ? 3.5 : /[mwMW@%]/.test(char) ? 9.5 : /[A-Z0-9]/.test(char) ? 7.5 : 6.3;
  return Math.ceil(width);
}

export function badgeSvg(badge: Badge): string {
  const left = textWidth(badge.label) + 12;
  const right = textWidth(badge.message) + 12;
  const width = left + right;
  const text = `${badge.label}: ${badge.message}`;
  return renderToString(
    <svg xmlns="http://www.w3.org/2000/svg" width={width} height="20" role="img" aria-label={text}>
      <title>{text}</title>
      <linearGradient id="s" x2="0" y2="100%">
        <stop offset="0" stop-color="#bbb" stop-opacity=".1" />
        <stop offset="1" stop-opacity=".1" />
      </linearGradient>
      <clipPath id="r">
        <rect width={width} height="20" rx="3" fill="#fff" />
      </clipPath>
      <g clip-path="url(#r)">
        <rect width={left} height="20" fill="#555" />
        <rect x={left} width={right} height="20" fill={badge.color} />
        <rect width={width} height="20" fill="url(#s)" />
      </g>
      <g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">
        <text x={left / 2} y="14">
          {badge.label}
        </text>
        <text x={left + right / 2} y="14">
          {badge.message}
        </text>
      </g>
    </svg>,
  );
}

/** https://shields.io/badges/endpoint-badge — schemaVersion 1. */
export function shieldsEndpoint(badge: Badge): { schemaVersion: 1; label: string; message: string; color: string } {
  return { schemaVersion: 1, label: badge.label, message: badge.message, color: badge.color.replace("#", "") };
}
