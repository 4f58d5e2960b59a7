import { describe, expect, it } from "vitest";
import { db } from "../db";
import { visibleComponentGroups } from "../public-read/public-page";
import { readStatusSnapshot } from "../public-read/read-status-snapshot";
import { seedDemoPageIfEmpty } from "./demo-page";

describe("seedDemoPageIfEmpty", () => {
  it("seeds components and monitors into an empty database, once", async () => {
    const [first, second] = await Promise.all([
      seedDemoPageIfEmpty("http://127.0.0.1:3000"),
      seedDemoPageIfEmpty("http://127.0.0.1:3000"),
    ]);
    expect([first, second].sort()).toEqual([false, true]);
    expect(await seedDemoPageIfEmpty("http://127.0.0.1:3000")).toBe(false);

    const snapshot = await readStatusSnapshot(new Date());
    expect(snapshot.page.name).toBe("Vigil demo");
    const groups = visibleComponentGroups(snapshot);
    expect(groups.map((entry) => [entry.group?.name, entry.components.map((c) => c.name)])).toEqual([
      ["Website", ["Status page", "Health API"]],
      ["Publishing", ["CMS", "Episode downloads"]],
    ]);
    expect(groups.flatMap((g) => g.components).every((c) => c.status === "operational")).toBe(true);

    const monitors = await db().monitor.findMany({ orderBy: { name: "asc" } });
    expect(monitors.map((m) => [m.kind, m.target])).toEqual([
      ["http", "http://127.0.0.1:3000/api/health"],
      ["http", "http://127.0.0.1:3000/"],
    ]);
  });
});
