import { describe, expect, it } from "vitest";
import { newestEpisodes, parseFeed } from "./feed-parse";

const rss = (items: string) => `<?xml version="1.0"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel><title>Show &amp; Tell</title>${items}</channel></rss>`;

describe("parseFeed", () => {
  it("reads an RSS podcast feed", () => {
    const feed = parseFeed(
      rss(`<item><title>Ep 1</title><pubDate>Fri, 06 Nov 2026 10:00:00 GMT</pubDate>
        <enclosure url="https://cdn.example.fm/1.mp3?a=1&amp;b=2" length="1" type="audio/mpeg"/></item>
        <item><title><![CDATA[Ep <2>]]></title><itunes:duration>10:00</itunes:duration></item>`),
    );
    expect(feed).toEqual({
      ok: true,
      format: "rss",
      title: "Show & Tell",
      items: [
        { title: "Ep 1", published: new Date("2026-11-06T10:00:00Z"), enclosureUrl: "https://cdn.example.fm/1.mp3?a=1&b=2" },
        { title: "Ep <2>", published: null, enclosureUrl: null },
      ],
    });
  });

  it("reads a single item (not wrapped in an array by the XML)", () => {
    const feed = parseFeed(rss(`<item><title>Only</title><enclosure url="a.mp3"/></item>`));
    expect(feed.ok && feed.items).toEqual([{ title: "Only", published: null, enclosureUrl: "a.mp3" }]);
  });

  it("reads an Atom feed with enclosure links", () => {
    const feed = parseFeed(`<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title type="text">A</title>
      <entry><title>One</title><updated>2026-11-20T10:00:00Z</updated>
        <link rel="alternate" href="https://example.fm/1"/><link rel="enclosure" href="https://cdn.example.fm/1.mp3"/></entry>
      <entry><title>Two</title><published>2026-11-21T10:00:00Z</published><link href="https://example.fm/2"/></entry></feed>`);
    expect(feed).toEqual({
      ok: true,
      format: "atom",
      title: "A",
      items: [
        { title: "One", published: new Date("2026-11-20T10:00:00Z"), enclosureUrl: "https://cdn.example.fm/1.mp3" },
        { title: "Two", published: new Date("2026-11-21T10:00:00Z"), enclosureUrl: null },
      ],
    });
  });

  it("reads an empty channel", () => {
    expect(parseFeed(rss(""))).toMatchObject({ ok: true, items: [] });
  });

  it.each([
    ["malformed XML", rss("<item><title>x</item>"), /not well-formed XML/],
    ["not XML at all", "{ \"json\": true }", /not well-formed XML/],
    ["HTML", "<html><body>hi</body></html>", /neither an RSS 2.0 nor an Atom feed/],
    ["RSS without a channel", `<rss version="2.0"></rss>`, /neither/],
  ])("refuses %s", (_name, xml, problem) => {
    const feed = parseFeed(xml);
    expect(feed.ok).toBe(false);
    expect(!feed.ok && feed.problem).toMatch(problem);
  });

  it("does not expand an entity bomb", () => {
    const levels = Array.from({ length: 10 }, (_, i) => `<!ENTITY a${i + 1} "${`&a${i};`.repeat(10)}">`).join("");
    const bomb = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a0 "lol">${levels}]><rss version="2.0"><channel><title>&a10;</title></channel></rss>`;
    const feed = parseFeed(bomb);
    expect(feed.ok && feed.title).toBe("&a10;"); // nested references stay as they are
  });

  it("refuses a document declaring too many entities", () => {
    const entities = Array.from({ length: 200 }, (_, i) => `<!ENTITY e${i} "x">`).join("");
    const feed = parseFeed(`<?xml version="1.0"?><!DOCTYPE rss [${entities}]><rss><channel><title>&e1;</title></channel></rss>`);
    expect(!feed.ok && feed.problem).toMatch(/Entity count/);
  });
});

describe("newestEpisodes", () => {
  const item = (title: string, date: string | null, enclosure = true) => ({
    title,
    published: date ? new Date(date) : null,
    enclosureUrl: enclosure ? `https://cdn.example.fm/${title}.mp3` : null,
  });

  it("picks the newest by date, whatever the order, and only items with enclosures", () => {
    const items = [item("old", "2026-01-01"), item("newest-text", "2026-12-01", false), item("new", "2026-11-01"), item("mid", "2026-06-01")];
    expect(newestEpisodes(items, 2).map((episode) => episode.title)).toEqual(["new", "mid"]);
  });

  it("keeps feed order for undated items, after dated ones", () => {
    const items = [item("u1", null), item("dated", "2026-01-01"), item("u2", null)];
    expect(newestEpisodes(items, 3).map((episode) => episode.title)).toEqual(["dated", "u1", "u2"]);
  });
});
