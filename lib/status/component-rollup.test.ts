import { describe, expect, it } from "vitest";
import type { ComponentStatus, IncidentImpact, MonitorState } from "../generated/prisma/enums";
import {
  incidentImpactFor,
  pageStatus,
  rollUpComponentStatus,
  statusFromMonitors,
  worstComponentStatus,
  type ComponentRollupInput,
  type OpenIncidentImpact,
  type PageIndicator,
} from "./component-rollup";

describe("statusFromMonitors", () => {
  it.each<[MonitorState[], ComponentStatus]>([
    [[], "operational"],
    [["up"], "operational"],
    [["up", "up"], "operational"],
    [["down"], "major_outage"],
    [["down", "down"], "major_outage"],
    [["down", "up"], "partial_outage"],
    [["up", "up", "down"], "partial_outage"],
    [["down", "degraded"], "partial_outage"],
    [["degraded"], "degraded_performance"],
    [["degraded", "up"], "degraded_performance"],
    // Unknown monitors are no evidence either way: left out.
    [["unknown"], "operational"],
    [["unknown", "unknown"], "operational"],
    [["down", "unknown"], "major_outage"],
    [["down", "up", "unknown"], "partial_outage"],
    [["degraded", "unknown"], "degraded_performance"],
    [["up", "unknown"], "operational"],
  ])("%j → %s", (states, expected) => {
    expect(statusFromMonitors(states)).toBe(expected);
  });
});

describe("worstComponentStatus", () => {
  it.each<[ComponentStatus[], ComponentStatus]>([
    [[], "operational"],
    [["operational"], "operational"],
    [["degraded_performance", "operational"], "degraded_performance"],
    [["degraded_performance", "partial_outage"], "partial_outage"],
    [["major_outage", "partial_outage", "degraded_performance"], "major_outage"],
    [["under_maintenance"], "operational"],
    [["under_maintenance", "partial_outage"], "partial_outage"],
  ])("%j → %s", (statuses, expected) => {
    expect(worstComponentStatus(statuses)).toBe(expected);
  });
});

describe("rollUpComponentStatus", () => {
  const input = (overrides: Partial<ComponentRollupInput>): ComponentRollupInput => ({
    monitorStates: [],
    incidentStatuses: [],
    maintenanceInProgress: false,
    ...overrides,
  });

  it.each<[string, Partial<ComponentRollupInput>, ComponentStatus]>([
    ["nothing at all", {}, "operational"],
    ["monitors up", { monitorStates: ["up", "up"] }, "operational"],
    ["monitors unknown", { monitorStates: ["unknown"] }, "operational"],
    ["all monitors down", { monitorStates: ["down", "down"] }, "major_outage"],
    ["some monitors down", { monitorStates: ["down", "up"] }, "partial_outage"],
    ["a monitor degraded", { monitorStates: ["degraded", "up"] }, "degraded_performance"],
    // Maintenance suppresses everything.
    ["maintenance, monitors down", { maintenanceInProgress: true, monitorStates: ["down"] }, "under_maintenance"],
    ["maintenance and an incident", { maintenanceInProgress: true, incidentStatuses: ["major_outage"] }, "under_maintenance"],
    ["an incident imposing maintenance", { incidentStatuses: ["under_maintenance"], monitorStates: ["down"] }, "under_maintenance"],
    // Otherwise the worst of incidents and monitors.
    ["incident worse than monitors", { incidentStatuses: ["major_outage"], monitorStates: ["up"] }, "major_outage"],
    ["monitors worse than incident", { incidentStatuses: ["degraded_performance"], monitorStates: ["down"] }, "major_outage"],
    ["an incident cannot hide a monitored outage", { incidentStatuses: ["operational"], monitorStates: ["down", "up"] }, "partial_outage"],
    ["incident partial, monitor degraded", { incidentStatuses: ["partial_outage"], monitorStates: ["degraded"] }, "partial_outage"],
    ["several incidents", { incidentStatuses: ["degraded_performance", "partial_outage", "operational"] }, "partial_outage"],
    ["incident keeps the component red while monitors are unknown", { incidentStatuses: ["major_outage"], monitorStates: ["unknown"] }, "major_outage"],
  ])("%s → %s", (_, overrides, expected) => {
    expect(rollUpComponentStatus(input(overrides))).toBe(expected);
  });
});

describe("pageStatus", () => {
  it.each<[ComponentStatus[], PageIndicator, string]>([
    [[], "none", "All Systems Operational"],
    [["operational", "operational"], "none", "All Systems Operational"],
    [["major_outage"], "critical", "Major Service Outage"],
    [["major_outage", "major_outage"], "critical", "Major Service Outage"],
    [["major_outage", "operational"], "major", "Partial System Outage"],
    [["major_outage", "partial_outage"], "major", "Partial System Outage"],
    [["major_outage", "under_maintenance"], "major", "Partial System Outage"],
    [["partial_outage"], "major", "Partial System Outage"],
    [["partial_outage", "partial_outage"], "major", "Partial System Outage"],
    [["partial_outage", "operational"], "minor", "Minor Service Outage"],
    [["partial_outage", "degraded_performance"], "minor", "Minor Service Outage"],
    [["degraded_performance"], "minor", "Degraded System Service"],
    [["degraded_performance", "degraded_performance"], "minor", "Degraded System Service"],
    [["degraded_performance", "operational"], "minor", "Partially Degraded Service"],
    [["degraded_performance", "under_maintenance"], "minor", "Partially Degraded Service"],
    [["under_maintenance"], "maintenance", "Service Under Maintenance"],
    [["under_maintenance", "operational"], "maintenance", "Service Under Maintenance"],
  ])("%j → %s, %s", (statuses, indicator, description) => {
    expect(pageStatus(statuses)).toEqual({ indicator, description });
  });

  it.each<[ComponentStatus[], IncidentImpact[], PageIndicator, string]>([
    [["operational"], ["none"], "none", "All Systems Operational"],
    [["operational"], ["critical"], "critical", "Major Service Outage"],
    [["operational"], ["major", "minor"], "major", "Partial System Outage"],
    [["operational"], ["minor"], "minor", "Minor Service Outage"],
    [["operational"], ["maintenance"], "maintenance", "Service Under Maintenance"],
    // A tie keeps the components' more specific words.
    [["degraded_performance", "operational"], ["minor"], "minor", "Partially Degraded Service"],
    [["major_outage"], ["minor"], "critical", "Major Service Outage"],
    [[], ["major"], "major", "Partial System Outage"],
  ])("%j with open incidents %j → %s, %s", (statuses, impacts, indicator, description) => {
    expect(pageStatus(statuses, impacts.map((impact) => ({ impact, status: "investigating", componentStatuses: [] })))).toEqual({ indicator, description });
  });

  it.each<[ComponentStatus[], OpenIncidentImpact, PageIndicator]>([
    // Every component back to operational: no outage banner, whatever the incident's impact was.
    [["operational", "operational"], { impact: "critical", status: "monitoring", componentStatuses: ["operational"] }, "none"],
    [["operational", "operational"], { impact: "critical", status: "investigating", componentStatuses: ["operational", "operational"] }, "none"],
    [["operational"], { impact: "major", status: "monitoring", componentStatuses: [] }, "none"],
    [["operational"], { impact: "major", status: "identified", componentStatuses: [] }, "major"],
    [["major_outage", "operational"], { impact: "critical", status: "investigating", componentStatuses: ["major_outage"] }, "critical"],
  ])("%j with %j → %s", (statuses, incident, indicator) => {
    expect(pageStatus(statuses, [incident]).indicator).toBe(indicator);
  });
});

describe("incidentImpactFor", () => {
  it.each<[ComponentStatus[], number, IncidentImpact]>([
    [["major_outage"], 1, "critical"],
    [["major_outage"], 4, "major"],
    [["major_outage", "major_outage"], 2, "critical"],
    [["major_outage", "major_outage"], 3, "major"],
    [["partial_outage"], 1, "major"],
    [["partial_outage"], 3, "minor"],
    [["degraded_performance"], 3, "minor"],
    [["operational"], 3, "none"],
    [[], 3, "none"],
    [["major_outage", "operational"], 2, "major"],
    [["partial_outage", "operational"], 2, "minor"],
    [["under_maintenance"], 1, "maintenance"],
  ])("%j of %i components → %s", (statuses, componentCount, impact) => {
    expect(incidentImpactFor(statuses, componentCount)).toBe(impact);
  });
});
