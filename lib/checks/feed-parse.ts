// Podcast feeds (RSS 2.0 and Atom) read with fast-xml-parser after its validator has confirmed the
// XML is well-formed. Pure: the feed check does the fetching.
import { XMLParser, XMLValidator } from "fast-xml-parser";

export type FeedItem = { title: string | null; published: Date | null; enclosureUrl: string | null };

export type ParsedFeed =
  | { ok: true; format: "rss" | "atom"; title: string | null; items: FeedItem[] }
  | { ok: false; problem: string };

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => name === "item" || name === "entry" || name === "link" || name === "enclosure" || name === "channel",
  // Entity expansion is bounded: a feed is untrusted input.
  processEntities: { enabled: true, maxEntityCount: 100, maxEntitySize: 10_000, maxTotalExpansions: 10_000, maxExpandedLength: 1_000_000 },
});

type XmlNode = Record<string, unknown>;

function isNode(value: unknown): value is XmlNode {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function nodes(value: unknown): XmlNode[] {
  return Array.isArray(value) ? value.filter(isNode) : [];
}

/** Text of an element that may carry attributes (`<title type="html">` parses as { "#text": ... }). */
function text(value: unknown): string | null {
  if (typeof value === "string") return value || null;
  if (isNode(value) && typeof value["#text"] === "string") return value["#text"] || null;
  return null;
}

function attribute(node: XmlNode | undefined, name: string): string | null {
  const value = node?.[`@_${name}`];
  return typeof value === "string" && value !== "" ? value : null;
}

function date(value: unknown): Date | null {
  const raw = text(value);
  const parsed = raw === null ? Number.NaN : Date.parse(raw);
  return Number.isNaN(parsed) ? null : new Date(parsed);
}

function rssItem(item: XmlNode): FeedItem {
  return {
    title: text(item.title),
    published: date(item.pubDate),
    enclosureUrl: attribute(nodes(item.enclosure)[0], "url"),
  };
}

function atomEntry(entry: XmlNode): FeedItem {
  const enclosure = nodes(entry.link).find((link) => attribute(link, "rel") === "enclosure");
  return {
    title: text(entry.title),
    published: date(entry.published) ?? date(entry.updated),
    enclosureUrl: attribute(enclosure, "href"),
  };
}

export function parseFeed(xml: string): ParsedFeed {
  const validation = XMLValidator.validate(xml);
  if (validation !== true) {
    const { msg, line } = validation.err;
    return { ok: false, problem: `is not well-formed XML (line ${line}: ${msg})` };
  }
  let document: XmlNode;
  try {
    document = parser.parse(xml) as XmlNode;
  } catch (error) {
    return { ok: false, problem: `could not be parsed (${error instanceof Error ? error.message : String(error)})` };
  }
  const channel = isNode(document.rss) ? nodes(document.rss.channel)[0] : undefined;
  if (channel) return { ok: true, format: "rss", title: text(channel.title), items: nodes(channel.item).map(rssItem) };
  if (isNode(document.feed)) {
    return { ok: true, format: "atom", title: text(document.feed.title), items: nodes(document.feed.entry).map(atomEntry) };
  }
  return { ok: false, problem: "is neither an RSS 2.0 nor an Atom feed" };
}

/** The newest `count` items that carry an enclosure; undated items count as oldest, in feed order. */
export function newestEpisodes(items: readonly FeedItem[], count: number): FeedItem[] {
  return items
    .filter((item) => item.enclosureUrl !== null)
    .map((item, index) => ({ item, index }))
    .sort((a, b) => (b.item.published?.getTime() ?? -Infinity) - (a.item.published?.getTime() ?? -Infinity) || a.index - b.index)
    .slice(0, count)
    .map(({ item }) => item);
}
