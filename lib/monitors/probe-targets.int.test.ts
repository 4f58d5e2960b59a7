// The probe runner's view of a monitor, from a real PostgreSQL: its check parsed once per
// definition (the same object while the row is unchanged), parsed anew after an edit, a large
// definition never remembered, and a row that does not parse named with its problem instead of
// failing the whole job.
import { describe, expect, it } from "vitest";
import { db } from "../db";
import { loadMonitorsToProbe } from "./probe-targets";

const createMonitor = (target: string) =>
  db().monitor.create({ data: { name: `Probe target ${crypto.randomUUID()}`, kind: "http", target, expectations: { keyword: "episode" } } });

describe("loadMonitorsToProbe", () => {
  it("parses a monitor's check once per definition, again after an edit, and leaves out paused monitors", async () => {
    const monitor = await createMonitor("https://feeds.example.fm/cms");
    const first = (await loadMonitorsToProbe([monitor.id])).get(monitor.id)!;
    // The schema's defaults applied, as runCheck would.
    expect(first.parsed).toMatchObject({
      ok: true,
      check: { kind: "http", target: "https://feeds.example.fm/cms", timeoutMs: 10_000, expectations: { keyword: "episode", method: "GET", expectedStatus: ["200-399"] } },
    });

    const again = (await loadMonitorsToProbe([monitor.id, monitor.id])).get(monitor.id)!;
    expect(again.parsed).toBe(first.parsed);

    await db().monitor.update({ where: { id: monitor.id }, data: { expectations: { keyword: "enclosure" } } });
    const edited = (await loadMonitorsToProbe([monitor.id])).get(monitor.id)!;
    expect(edited.parsed).not.toBe(first.parsed);
    expect(edited.parsed).toMatchObject({ ok: true, check: { expectations: { keyword: "enclosure" } } });

    await db().monitor.update({ where: { id: monitor.id }, data: { target: "https://feeds.example.fm/admin" } });
    expect((await loadMonitorsToProbe([monitor.id])).get(monitor.id)!.parsed).toMatchObject({ ok: true, check: { target: "https://feeds.example.fm/admin" } });

    await db().monitor.update({ where: { id: monitor.id }, data: { enabled: false } });
    expect((await loadMonitorsToProbe([monitor.id])).has(monitor.id)).toBe(false);
  });

  it("does not remember a large definition: its text and parsed copy would stay between checks", async () => {
    const monitor = await db().monitor.create({
      data: { name: `Probe target ${crypto.randomUUID()}`, kind: "http", target: "https://feeds.example.fm/api", expectations: { json: { path: "episodes.0.title", equals: "x".repeat(30_000) } } },
    });
    const first = (await loadMonitorsToProbe([monitor.id])).get(monitor.id)!;
    expect(first.parsed).toMatchObject({ ok: true, check: { expectations: { json: { path: "episodes.0.title" } } } });
    const again = (await loadMonitorsToProbe([monitor.id])).get(monitor.id)!;
    expect(again.parsed).not.toBe(first.parsed);
    expect(again.parsed).toEqual(first.parsed);
  });

  it("names the problem of a row that does not parse, and still loads the others", async () => {
    const broken = await createMonitor("https://feeds.example.fm/broken");
    const fine = await createMonitor("https://feeds.example.fm/fine");
    // As if edited in SQL: the console and the API refuse this.
    await db().$executeRaw`UPDATE "Monitor" SET target = 'ftp://feeds.example.fm/' WHERE id = ${broken.id}`;
    const loaded = await loadMonitorsToProbe([broken.id, fine.id]);
    const parsed = loaded.get(broken.id)!.parsed;
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.problem).toContain("must be an http:// or https:// URL");
    expect(loaded.get(fine.id)!.parsed.ok).toBe(true);
  });
});
