/** @jsxImportSource preact */
// The history as Atom 1.0 and RSS 2.0 (the `feed` library writes both): one entry per incident or
// maintenance — the snapshot's newest 50 of each, or those of one component — with its updates,
// newest first, as HTML; names are text, escaped for the readers that take titles as HTML.
// Pure: snapshot in, XML out.
import { Feed } from "feed";
import { renderToString } from "preact-render-to-string";
import { renderMarkdown } from "../markdown/render-markdown";
import type { SnapshotComponent, SnapshotIncident, StatusSnapshot } from "./status-snapshot-types";
import { LIST_CAP } from "./status-snapshot-types";
import { statusTitle } from "../page-name";

/**
 * An entry's title as HTML that shows the name as text. The `feed` library declares Atom entry
 * titles `type="html"` and RSS readers treat titles as HTML, so a name like `<img onerror=…>` must
 * arrive escaped, never as markup.
 */
function titleAsHtml(name: string): string {
  return renderToString(<>{name}</>);
}

function incidentContent(incident: SnapshotIncident): string {
  return incident.updates
    .map((update) => {
      const heading = renderToString(
        <p>
          <strong>{update.status.replace("_", " ")}</strong> — {update.displayAt.slice(0, 16).replace("T", " ")} UTC
        </p>,
      );
      // renderMarkdown's output is sanitised HTML (raw HTML disabled, links checked).
      return heading + renderMarkdown(update.body);
    })
    .join("\n");
}

/**
 * The whole page's history, or with `component` only the incidents and maintenance that affected
 * it (`?component=<id>`: subscribe to the one service you depend on).
 */
export function historyFeed(snapshot: StatusSnapshot, component?: Pick<SnapshotComponent, "id" | "name">): Feed {
  const base = snapshot.page.url;
  const entries = [...snapshot.incidents, ...snapshot.maintenances]
    .filter((incident) => !component || incident.componentIds.includes(component.id))
    .sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt))
    .slice(0, LIST_CAP);
  const newest = entries[0]?.updatedAt ?? snapshot.page.updatedAt;
  const query = component ? `?component=${encodeURIComponent(component.id)}` : "";
  const feed = new Feed({
    ...feedHeader(snapshot, query),
    title: `${statusTitle(snapshot.page.name)} history${component ? `: ${component.name}` : ""}`,
    description: component ? `Incidents and maintenance of ${snapshot.page.name} affecting ${component.name}` : `Incidents and maintenance of ${snapshot.page.name}`,
    updated: new Date(newest),
  });
  for (const incident of entries) {
    const link = `${base}/incidents/${encodeURIComponent(incident.id)}`;
    feed.addItem({
      title: titleAsHtml(incident.name),
      id: link,
      guid: link,
      link,
      date: new Date(incident.updatedAt),
      published: new Date(incident.kind === "maintenance" ? (incident.scheduledFor ?? incident.startedAt) : incident.startedAt),
      description: `${incident.kind === "maintenance" ? "Maintenance" : "Incident"}: ${incident.status.replace("_", " ")}, impact ${incident.impact}`,
      content: incidentContent(incident),
    });
  }
  return feed;
}

/** The answer to `?component=` naming no component: a feed without entries that says so (served as 404). */
export function unknownComponentFeed(snapshot: StatusSnapshot): Feed {
  return new Feed({
    ...feedHeader(snapshot, ""),
    title: "Unknown component",
    description: `No component of ${snapshot.page.name} has this id; the whole page's history is at ${snapshot.page.url}/history.atom`,
    updated: new Date(snapshot.page.updatedAt),
  });
}

function feedHeader(snapshot: StatusSnapshot, query: string) {
  const base = snapshot.page.url;
  return {
    id: `${base}/history${query}`,
    link: `${base}/history`,
    language: "en",
    generator: "Vigil",
    copyright: "",
    // Atom requires an author for a feed whose entries have none: the page speaks for itself.
    author: { name: snapshot.page.name, link: base },
    feedLinks: { atom: `${base}/history.atom${query}`, rss: `${base}/history.rss${query}` },
  };
}
