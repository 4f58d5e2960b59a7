/** @jsxImportSource preact */
// The history feeds, the whole page's and one per component (`?component=<id>`): for readers who
// follow one service they depend on rather than subscribe by email.
import type { PublicComponentGroup } from "@/lib/public-read/public-page";
import { useT } from "./i18n";

const feedLinks = (query: string) => (
  <>
    <a href={`/history.atom${query}`}>Atom</a> · <a href={`/history.rss${query}`}>RSS</a>
  </>
);

export function ComponentFeeds({ groups }: { groups: PublicComponentGroup[] }) {
  const { t } = useT();
  return (
    <>
      <h2 id="feeds">{t("feeds.heading")}</h2>
      <p>
        {t("feeds.everything")} {feedLinks("")}
      </p>
      <ul aria-label={t("feeds.perComponent")}>
        {groups.flatMap(({ components }) =>
          components.map((component) => (
            <li key={component.id}>
              {component.name}: {feedLinks(`?component=${encodeURIComponent(component.id)}`)}
            </li>
          )),
        )}
      </ul>
    </>
  );
}
