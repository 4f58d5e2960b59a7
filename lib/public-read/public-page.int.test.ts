import { describe, expect, it } from "vitest";
import { db } from "../db";
import { visibleComponentGroups } from "./public-page";
import { readStatusSnapshot } from "./read-status-snapshot";

describe("visibleComponentGroups over a snapshot read from the database", () => {
  it("groups and orders components, hides non-showcase ones and healthy only-if-degraded ones", async () => {
    const group = await db().componentGroup.create({ data: { name: "Apps", position: 1 } });
    await db().component.createMany({
      data: [
        { name: "Loose", position: 0 },
        { name: "B", groupId: group.id, position: 2 },
        { name: "A", groupId: group.id, position: 1, status: "major_outage" },
        { name: "Hidden", groupId: group.id, showcase: false },
        { name: "Quiet", groupId: group.id, onlyShowIfDegraded: true },
        { name: "Loud", groupId: group.id, onlyShowIfDegraded: true, status: "partial_outage", position: 3 },
      ],
    });
    await db().componentGroup.create({ data: { name: "Empty group" } });

    const snapshot = await readStatusSnapshot(new Date());
    expect(snapshot.page.name).toBe("Status");
    expect(visibleComponentGroups(snapshot).map((g) => [g.group?.name ?? null, g.components.map((c) => `${c.name}:${c.status}`)])).toEqual([
      [null, ["Loose:operational"]],
      ["Apps", ["A:major_outage", "B:operational", "Loud:partial_outage"]],
    ]);
    // Statuspage lists every component, showcase or not.
    expect(snapshot.components).toHaveLength(6);
  });
});
