import Parser from "rss-parser";
import { describe, expect, it } from "vitest";
import { fixtureSnapshot } from "../../test/fixtures/status-snapshot";
import { historyFeed } from "./history-feed";

const parser = new Parser();

describe("history feeds, parsed back with a feed parser", () => {
  it("Atom 1.0: one entry per incident and maintenance with its updates, newest first", async () => {
    const xml = historyFeed(fixtureSnapshot()).atom1();
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
    const feed = await parser.parseString(xml);
    expect(feed.title).toBe("Acme <Status> status history");
    expect(feed.items.map((item) => item.title)).toEqual(["API errors", "Slow CDN", "DB upgrade", "CDN swap", "Old work"]);
    const open = feed.items[0]!;
    expect(open.link).toBe("https://status.example.com/incidents/inc-open");
    expect(open.id).toBe("https://status.example.com/incidents/inc-open");
    // Updates rendered through the one Markdown renderer: no raw HTML passes.
    expect(open.content).toContain("<strong>bad</strong>");
    expect(open.content).toContain("&lt;script&gt;");
    expect(open.content).not.toContain("<script>");
    expect(open.content!.indexOf("identified")).toBeLessThan(open.content!.indexOf("investigating"));
  });

  it("RSS 2.0: the same entries with guid, link and date", async () => {
    const xml = historyFeed(fixtureSnapshot()).rss2();
    expect(xml).toMatch(/<rss version="2.0"/);
    const feed = await parser.parseString(xml);
    expect(feed.items).toHaveLength(5);
    expect(feed.items[1]).toMatchObject({ title: "Slow CDN", guid: "https://status.example.com/incidents/inc-resolved", link: "https://status.example.com/incidents/inc-resolved" });
    // RSS dates an item by when it started (Atom also carries the last update).
    expect(new Date(feed.items[1]!.isoDate!).toISOString()).toBe("2026-11-28T10:00:00.000Z");
  });

  it("an empty history is a valid feed without entries", async () => {
    const snapshot = { ...fixtureSnapshot(), incidents: [], maintenances: [] };
    expect((await parser.parseString(historyFeed(snapshot).atom1())).items).toEqual([]);
    expect((await parser.parseString(historyFeed(snapshot).rss2())).items).toEqual([]);
  });
});
