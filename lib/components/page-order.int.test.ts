// The one page order against a real PostgreSQL: new groups and components go last, the up/down
// verbs swap neighbours (audited, refused past either end or on the configuration file's objects),
// and the public page, /uptime and the console's choices all follow it.
import { describe, expect, it } from "vitest";
import type { Actor } from "../auth/actor";
import { listComponentChoices } from "../console/incidents";
import { db } from "../db";
import { visibleComponentGroups } from "../public-read/public-page";
import { readMonthlyUptimeView } from "../public-read/read-history";
import { readStatusSnapshot } from "../public-read/read-status-snapshot";
import { clearViewCache } from "../public-read/view-cache";
import { parsedVerb } from "@/test/verbs";
import { moveComponent, moveComponentGroup } from "./move-in-page-order";
import { saveComponent } from "./save-component";
import { saveComponentGroup } from "./save-component-group";
import { MoveComponent, MoveComponentGroup, SaveComponent, SaveComponentGroup } from "./schemas";

const verbs = {
  saveGroup: parsedVerb(saveComponentGroup, SaveComponentGroup),
  saveComponent: parsedVerb(saveComponent, SaveComponent),
  moveGroup: parsedVerb(moveComponentGroup, MoveComponentGroup),
  moveComponent: parsedVerb(moveComponent, MoveComponent),
};

async function owner(): Promise<Actor> {
  const created = await db().adminUser.create({ data: { email: `owner-${crypto.randomUUID()}@example.fm`, passwordHash: "x", role: "owner" } });
  return { adminId: created.id, email: created.email, role: "owner", ip: null };
}

/** Every place that lists components, as group › component names. */
async function everywhere() {
  clearViewCache();
  const snapshot = await readStatusSnapshot(new Date());
  const names = new Map(snapshot.groups.map((g) => [g.id, g.name]));
  const label = (c: { name: string; groupId: string | null }) => `${c.groupId ? names.get(c.groupId) : "-"} › ${c.name}`;
  const page = visibleComponentGroups(snapshot).flatMap((entry) => entry.components.map(label));
  const uptime = (await readMonthlyUptimeView(new Date())).value.components.map((c) => label(snapshot.components.find((s) => s.id === c.id)!));
  const choices = (await listComponentChoices()).map((c) => `${c.group ?? "-"} › ${c.name}`);
  return { page, uptime, choices };
}

describe("page order", () => {
  it("new groups and components go last; up/down swap neighbours everywhere at once, audited", async () => {
    const actor = await owner();
    // Seeded as the demo page and the config file leave them: everything at position 0.
    const seeded = await db().componentGroup.create({ data: { name: "Zeta seeded" } });
    await db().component.createMany({ data: [{ name: "Z1", groupId: seeded.id }, { name: "Z2", groupId: seeded.id }, { name: "Loose" }] });
    const added = await verbs.saveGroup({ name: "Alpha added" }, actor);
    expect(await db().componentGroup.findUniqueOrThrow({ where: { id: added.id } })).toMatchObject({ position: 1 });
    await verbs.saveComponent({ name: "A1", groupId: added.id }, actor);
    const a2 = await verbs.saveComponent({ name: "A0 second", groupId: added.id }, actor);
    const z3 = await verbs.saveComponent({ name: "Z0 last", groupId: seeded.id }, actor);
    expect(await db().component.findUniqueOrThrow({ where: { id: z3.id } })).toMatchObject({ position: 1 });

    const before = ["- › Loose", "Zeta seeded › Z1", "Zeta seeded › Z2", "Zeta seeded › Z0 last", "Alpha added › A1", "Alpha added › A0 second"];
    expect(await everywhere()).toEqual({ page: before, uptime: before, choices: before });

    await verbs.moveGroup({ id: added.id, direction: "up" }, actor);
    await verbs.moveComponent({ id: z3.id, direction: "up" }, actor);
    await verbs.moveComponent({ id: z3.id, direction: "up" }, actor);
    await verbs.moveComponent({ id: a2.id, direction: "up" }, actor);
    const after = ["- › Loose", "Alpha added › A0 second", "Alpha added › A1", "Zeta seeded › Z0 last", "Zeta seeded › Z1", "Zeta seeded › Z2"];
    expect(await everywhere()).toEqual({ page: after, uptime: after, choices: after });

    const audit = await db().auditLog.findMany({ where: { actorId: actor.adminId, action: { in: ["component_group.move", "component.move"] } }, orderBy: { id: "asc" } });
    expect(audit.map((row) => [row.action, row.objectId, row.details])).toEqual([
      ["component_group.move", added.id, { direction: "up", from: 1, to: 0 }],
      ["component.move", z3.id, { direction: "up", from: 1, to: 1, groupId: seeded.id }],
      ["component.move", z3.id, { direction: "up", from: 1, to: 0, groupId: seeded.id }],
      ["component.move", a2.id, { direction: "up", from: 1, to: 0, groupId: added.id }],
    ]);
  });

  it("refuses a move past either end and one that touches the configuration file's objects, changing nothing", async () => {
    const actor = await owner();
    const group = await db().componentGroup.create({ data: { name: "Refusals", position: 50 } });
    const [first, managed, last] = await Promise.all(
      [["First", 0, false], ["Managed", 1, true], ["Last", 2, false]].map(([name, position, managedByConfig]) =>
        db().component.create({ data: { name: name as string, position: position as number, managedByConfig: managedByConfig as boolean, groupId: group.id } }),
      ),
    );
    const positions = async () => (await db().component.findMany({ where: { groupId: group.id }, orderBy: { name: "asc" } })).map((c) => c.position);
    const before = await positions();
    await expect(verbs.moveComponent({ id: first!.id, direction: "up" }, actor)).rejects.toMatchObject({ code: "conflict", message: "this component is already first" });
    await expect(verbs.moveComponent({ id: last!.id, direction: "down" }, actor)).rejects.toMatchObject({ code: "conflict", message: "this component is already last" });
    await expect(verbs.moveComponent({ id: first!.id, direction: "down" }, actor)).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("configuration file") });
    await expect(verbs.moveComponent({ id: managed!.id, direction: "down" }, actor)).rejects.toMatchObject({ code: "conflict" });
    await expect(verbs.moveComponent({ id: "no-such-component", direction: "up" }, actor)).rejects.toMatchObject({ code: "not_found" });
    await expect(verbs.moveGroup({ id: group.id, direction: "sideways" as "up" }, actor)).rejects.toThrow();
    expect(await positions()).toEqual(before);
  });
});
