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
import { advanceMaintenanceWindows } from "../lib/maintenance/advance-maintenance";
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

  const resolved = await createIncident(
    { name: "Slow downloads", impact: "minor", body: "Downloads are slow.", components: [{ componentId: downloads, status: "degraded_performance" }] },
    actor,
    "example.com",
    new Date(now.getTime() - 3 * 3_600_000),
  );
  await postIncidentUpdate({ incidentId: resolved.id, status: "resolved", body: "Fixed.", components: [{ componentId: downloads, status: "operational" }] }, actor, "example.com", new Date(now.getTime() - 2 * 3_600_000));
  await publishPostmortem({ incidentId: resolved.id, body: "## What happened\nA full disk." }, actor, new Date(now.getTime() - 3_600_000));

  const open = await createIncident(
    { name: "CMS unavailable", impact: "major", body: "We are **looking** into it.", components: [{ componentId: cms, status: "major_outage" }] },
    actor,
    "example.com",
    new Date(now.getTime() - 30 * 60_000),
  );
  await postIncidentUpdate({ incidentId: open.id, status: "identified", body: "A bad deploy; rolling back." }, actor, "example.com", new Date(now.getTime() - 10 * 60_000));

  await scheduleMaintenance({ name: "Database upgrade", body: "Short downtime.", componentIds: [cms], scheduledFor: new Date(now.getTime() + 86_400_000), scheduledUntil: new Date(now.getTime() + 90_000_000) }, "example.com", now);
  await scheduleMaintenance({ name: "CDN swap", body: "Swapping.", componentIds: [downloads], scheduledFor: new Date(now.getTime() - 60_000), scheduledUntil: new Date(now.getTime() + 3_600_000) }, "example.com", new Date(now.getTime() - 3_600_000));
  await scheduleMaintenance({ name: "Old work", body: "Done.", componentIds: [downloads], scheduledFor: new Date(now.getTime() - 7_200_000), scheduledUntil: new Date(now.getTime() - 5_400_000) }, "example.com", new Date(now.getTime() - 9_000_000));
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
