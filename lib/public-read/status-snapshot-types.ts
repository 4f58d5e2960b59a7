// The status snapshot: everything the public page, the Statuspage v2 API, the feeds and the badges
// show, as one plain JSON-safe DTO (timestamps are ISO strings in UTC). It is what the view cache
// keeps in memory and persists under DATA_DIR, so it must survive JSON.stringify/parse unchanged.
import type { ComponentStatus, IncidentImpact, IncidentKind, IncidentStatus } from "../generated/prisma/enums";
import type { PageStatus } from "../status/component-rollup";
import type { UptimeWindow } from "../status/uptime";

/** Statuspage caps its incident and maintenance lists at 50; so does the snapshot. */
export const LIST_CAP = 50;

/** The page's branding as the public layout shows it (lib/page: settings and their checks). */
export type SnapshotBrand = {
  description: string | null;
  supportUrl: string | null;
  footerLinks: { label: string; url: string }[];
  /** /logo/<sha256>, or null without a logo. */
  logoPath: string | null;
  /** The accent colours and custom CSS as one stylesheet (/custom.css), with a version of its text. */
  stylesheet: { css: string; version: string } | null;
};

export type SnapshotPage = {
  id: string;
  name: string;
  url: string;
  timeZone: string;
  updatedAt: string;
  /** Absent from a snapshot persisted by a version before branding: treat as no branding. */
  brand?: SnapshotBrand;
};

export type SnapshotGroup = {
  id: string;
  name: string;
  description: string | null;
  position: number;
  createdAt: string;
  updatedAt: string;
};

export type SnapshotDay = {
  /** UTC day start, ISO. */
  day: string;
  worstStatus: ComponentStatus | null;
  uptime: number | null;
  /** Incidents that were open during the day and affected the component. */
  incidents: { id: string; name: string }[];
};

export type LatencyPoint = { at: string; avgMs: number; maxMs: number | null };

export type SnapshotComponent = {
  id: string;
  name: string;
  description: string | null;
  status: ComponentStatus;
  statusChangedAt: string;
  position: number;
  groupId: string | null;
  showcase: boolean;
  onlyShowIfDegraded: boolean;
  /** yyyy-mm-dd or null. */
  startDate: string | null;
  /**
   * Response times of the component's enabled monitors taken together (one chart per component,
   * however many monitors it has): hourly averages for 7 days and daily ones for 30, oldest first.
   */
  latencyHourly: LatencyPoint[];
  latencyDaily: LatencyPoint[];
  createdAt: string;
  updatedAt: string;
  uptime: Record<UptimeWindow, number | null>;
  /** 90 bars, oldest first, ending with today (UTC). */
  days: SnapshotDay[];
};

export type SnapshotAffectedComponent = { componentId: string; name: string; oldStatus: ComponentStatus; newStatus: ComponentStatus };

export type SnapshotIncidentUpdate = {
  id: string;
  incidentId: string;
  status: IncidentStatus;
  body: string;
  notify: boolean;
  automatic: boolean;
  affectedComponents: SnapshotAffectedComponent[] | null;
  displayAt: string;
  createdAt: string;
  updatedAt: string;
};

export type SnapshotIncident = {
  id: string;
  kind: IncidentKind;
  name: string;
  status: IncidentStatus;
  impact: IncidentImpact;
  createdAt: string;
  updatedAt: string;
  startedAt: string;
  identifiedAt: string | null;
  monitoringAt: string | null;
  resolvedAt: string | null;
  scheduledFor: string | null;
  scheduledUntil: string | null;
  postmortemBody: string | null;
  postmortemPublishedAt: string | null;
  componentIds: string[];
  /** Newest first. */
  updates: SnapshotIncidentUpdate[];
};

export type StatusSnapshot = {
  /** When this snapshot was read from the database (ISO). */
  generatedAt: string;
  page: SnapshotPage;
  status: PageStatus;
  groups: SnapshotGroup[];
  /** Every component (Statuspage lists non-showcase ones too), in page order. */
  components: SnapshotComponent[];
  /** Incidents (kind "incident"): every unresolved one and the 50 newest, newest first. */
  incidents: SnapshotIncident[];
  /** Maintenance: every scheduled or active window and the 50 newest, newest first. */
  maintenances: SnapshotIncident[];
  worker: { lastHeartbeatAt: string | null; staleAfterSeconds: number };
};
