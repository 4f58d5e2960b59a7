/** @jsxImportSource preact */
// The history as Atom 1.0 and RSS 2.0 (the `feed` library writes both): one entry per incident or
// maintenance — the snapshot's newest 50 of each — with its updates, newest first, as HTML; names
// are text, escaped for the readers that take titles as HTML.
// Pure: snapshot in, XML out.
import { Feed } from "feed";
import { renderToString } from "preact-render-to-string";
import { renderMarkdown } from "../markdown/render-markdown";
import type { SnapshotIncident, StatusSnapshot } from "./status-snapshot-types";
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

export function historyFeed(snapshot: StatusSnapshot): Feed {
  const base = snapshot.page.url;
  const entries = [...snapshot.incidents, ...snapshot.maintenances]
    .sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt))
    .slice(0, LIST_CAP);
  const newest = entries[0]?.updatedAt ?? snapshot.page.updatedAt;
  const feed = new Feed({
    id: `${base}/history`,
    title: `${statusTitle(snapshot.page.name)} history`,
    description: `Incidents and maintenance of ${snapshot.page.name}`,
    link: `${base}/history`,
    language: "en",
    updated: new Date(newest),
    generator: "Vigil",
    copyright: "",
    feedLinks: { atom: `${base}/history.atom`, rss: `${base}/history.rss` },
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
