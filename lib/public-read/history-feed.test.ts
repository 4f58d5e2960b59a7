import { XMLParser } from "fast-xml-parser";
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

  it("an incident named like markup is text in both feeds: escaped HTML under type=\"html\", never an element", () => {
    const name = `<img src=x onerror=alert(1)> & "down"`;
    const snapshot = fixtureSnapshot();
    snapshot.incidents[0] = { ...snapshot.incidents[0]!, name };
    // A real XML parser, with CDATA kept apart so what a reader receives is exactly what we see.
    const xml = new XMLParser({ ignoreAttributes: false, cdataPropName: "#cdata", processEntities: true });
    const atom = xml.parse(historyFeed(snapshot).atom1()) as { feed: { entry: { title: { "@_type": string; "#cdata": string } }[] } };
    const rss = xml.parse(historyFeed(snapshot).rss2()) as { rss: { channel: { item: { title: { "#cdata": string } }[] } } };
    const escaped = "&lt;img src=x onerror=alert(1)> &amp; &quot;down&quot;";
    const atomTitle = atom.feed.entry[0]!.title;
    expect(atomTitle["@_type"]).toBe("html");
    expect(atomTitle["#cdata"]).toBe(escaped);
    expect(rss.rss.channel.item[0]!.title["#cdata"]).toBe(escaped);
    // Read as HTML, as readers do, the escaped title is the name as text and holds no element.
    for (const title of [atomTitle["#cdata"], rss.rss.channel.item[0]!.title["#cdata"]]) {
      expect(title).not.toMatch(/<[a-z]/i);
      expect(title.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&amp;/g, "&")).toBe(name);
    }
  });
});
