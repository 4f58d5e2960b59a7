// Data for the public page's integration tests, written through the real data-layer verbs: the
// demo page, an owner, an open incident with two updates, a resolved one with a postmortem,
// upcoming, in-progress and completed maintenance.
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect } from "vitest";
import { db } from "../lib/db";
import type { Actor } from "../lib/auth/actor";
import { createIncident } from "../lib/incidents/create-incident";
import { publishPostmortem } from "../lib/incidents/edit-update";
import { postIncidentUpdate } from "../lib/incidents/post-update";
import { CreateIncident, PostIncidentUpdate } from "../lib/incidents/schemas";
import { advanceMaintenanceWindows } from "../lib/maintenance/advance-maintenance";
import { ScheduleMaintenance } from "../lib/maintenance/schemas";
import { scheduleMaintenance } from "../lib/maintenance/schedule-maintenance";
import { changeFeed } from "../lib/live/change-feed";
import { seedDemoPageIfEmpty } from "../lib/seed/demo-page";
import { clearViewCache } from "../lib/public-read/view-cache";

export type PublicFixture = { actor: Actor; openId: string; resolvedId: string; componentIds: Record<string, string> };

export async function seedPublicFixture(now: Date = new Date()): Promise<PublicFixture> {
  await seedDemoPageIfEmpty("http://127.0.0.1:3000");
  const admin = await db().adminUser.create({ data: { email: `owner-${Math.random().toString(36).slice(2)}@example.com`, passwordHash: "x", role: "owner" } });
  const actor: Actor = { adminId: admin.id, email: admin.email, role: "owner" };
  const components = await db().component.findMany({ select: { id: true, name: true } });
  const componentIds = Object.fromEntries(components.map((c) => [c.name, c.id]));
  const cms = componentIds.CMS!;
  const downloads = componentIds["Episode downloads"]!;

  // Each step as the owner at a moment `ago` milliseconds before `now`.
  const at = (ago: number) => ({ actor, now: new Date(now.getTime() - ago), messageIdDomain: "example.com" });
  const system = (ago: number) => ({ ...at(ago), actor: { system: "test" } });

  const resolved = await createIncident({
    ctx: at(3 * 3_600_000),
    input: CreateIncident.parse({ name: "Slow downloads", impact: "minor", body: "Downloads are slow.", components: [{ componentId: downloads, status: "degraded_performance" }] }),
  });
  await postIncidentUpdate({ ctx: at(2 * 3_600_000), input: PostIncidentUpdate.parse({ incidentId: resolved.id, status: "resolved", body: "Fixed.", components: [{ componentId: downloads, status: "operational" }] }) });
  await publishPostmortem({ ctx: at(3_600_000), input: { incidentId: resolved.id, body: "## What happened\nA full disk." } });

  const open = await createIncident({
    ctx: at(30 * 60_000),
    input: CreateIncident.parse({ name: "CMS unavailable", impact: "major", body: "We are **looking** into it.", components: [{ componentId: cms, status: "major_outage" }] }),
  });
  await postIncidentUpdate({ ctx: at(10 * 60_000), input: PostIncidentUpdate.parse({ incidentId: open.id, status: "identified", body: "A bad deploy; rolling back." }) });

  const window = (name: string, body: string, componentId: string, from: number, until: number) =>
    ScheduleMaintenance.parse({ name, body, componentIds: [componentId], scheduledFor: new Date(now.getTime() + from), scheduledUntil: new Date(now.getTime() + until) });
  await scheduleMaintenance({ ctx: system(0), input: window("Database upgrade", "Short downtime.", cms, 86_400_000, 90_000_000) });
  await scheduleMaintenance({ ctx: system(3_600_000), input: window("CDN swap", "Swapping.", downloads, -60_000, 3_600_000) });
  await scheduleMaintenance({ ctx: system(9_000_000), input: window("Old work", "Done.", downloads, -7_200_000, -5_400_000) });
  await db().$transaction((tx) => advanceMaintenanceWindows(tx, new Date(now.getTime() - 6_000_000), "example.com"));
  await db().$transaction((tx) => advanceMaintenanceWindows(tx, now, "example.com"));
  return { actor, openId: open.id, resolvedId: resolved.id, componentIds };
}

/**
 * The public surface of a test file: persisted views in a folder of the test's own (never a real
 * DATA_DIR; env() parses once), the fixture seeded, the change feed listening first so the views read
 * afterwards stay valid for the whole file, and an empty view cache.
 */
export async function setUpPublicSurface(): Promise<PublicFixture> {
  process.env.DATA_DIR = await mkdtemp(path.join(os.tmpdir(), "vigil-test-views-"));
  const fixture = await seedPublicFixture();
  expect(await changeFeed().ready()).toBe(true);
  clearViewCache();
  return fixture;
}
