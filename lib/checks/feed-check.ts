// The feed kind (podcasts): fetch with the http rules, require a well-formed RSS or Atom feed with
// items, then make sure the newest episodes' enclosures can be downloaded (HEAD, or a one-byte
// range GET where HEAD is refused). Rules:
//  - no items at all: feed_empty (down);
//  - items, but none with an enclosure: feed_empty (down): a podcast without episodes is empty;
//  - some items without an enclosure: a feed_invalid *warning* (announcements and show notes exist);
//  - an unreachable newest enclosure: enclosure_unreachable (down), with its URL and what happened.
// `enclosures: 0` turns the enclosure rules off (for non-podcast feeds).
import "server-only";
import { buildResult, latencyProblem } from "./check-result";
import { statusMatches } from "./classify-http";
import { Deadline } from "./deadline";
import { fetchUrl, type FetchOptions } from "./fetch-url";
import { newestEpisodes, parseFeed, type FeedItem } from "./feed-parse";
import { countOf, formatBytes } from "./format";
import type { ProbeContext } from "./probe-context";
import type { CheckReason, CheckResult, CheckWarning, FeedExpectations } from "./schemas";
import { parseHttpUrl } from "./targets";

const FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5";
const SUCCESS = ["200-299"];

function resolveEnclosureUrl(raw: string, feedUrl: URL): URL | null {
  try {
    return parseHttpUrl(new URL(raw, feedUrl).href);
  } catch {
    return null;
  }
}

async function enclosureProblem(
  episode: FeedItem,
  feedUrl: URL,
  options: FetchOptions,
  context: ProbeContext,
  deadline: Deadline,
): Promise<CheckReason | null> {
  const raw = episode.enclosureUrl ?? "";
  const label = episode.title ? `Enclosure of "${episode.title}"` : "Enclosure";
  const url = resolveEnclosureUrl(raw, feedUrl);
  if (!url) return { code: "enclosure_unreachable", message: `${label} is not an http(s) URL: ${raw}` };
  let outcome = await fetchUrl(url, { ...options, method: "HEAD", maxBodyBytes: 0 }, context, deadline);
  const refused = outcome.response && (outcome.response.statusCode === 405 || outcome.response.statusCode === 501);
  if (refused) {
    const rangeRequest = { ...options, method: "GET" as const, headers: { range: "bytes=0-0" }, maxBodyBytes: 1024 };
    outcome = await fetchUrl(url, rangeRequest, context, deadline);
  }
  const problem = outcome.problems[0];
  if (problem) return { code: "enclosure_unreachable", message: `${label} (${url.href}) is unreachable: ${problem.message}` };
  const status = outcome.response?.statusCode ?? 0;
  if (!statusMatches(status, SUCCESS))
    return { code: "enclosure_unreachable", message: `${label} (${url.href}) answered HTTP ${status}` };
  return null;
}

type ItemVerdicts = { problems: CheckReason[]; warnings: CheckWarning[] };

function itemProblems(items: readonly FeedItem[], expectations: FeedExpectations, url: string): ItemVerdicts {
  const fine: ItemVerdicts = { problems: [], warnings: [] };
  if (items.length === 0) return { problems: [{ code: "feed_empty", message: `The feed at ${url} has no items` }], warnings: [] };
  if (expectations.enclosures === 0) return fine;
  const withoutEnclosure = items.filter((item) => item.enclosureUrl === null);
  if (withoutEnclosure.length === items.length) {
    const message = `The feed at ${url} has ${countOf(items.length, "item")} but no episode: none has an enclosure`;
    return { problems: [{ code: "feed_empty", message }], warnings: [] };
  }
  if (withoutEnclosure.length === 0) return fine;
  const examples = withoutEnclosure.slice(0, 3).map((item) => `"${item.title ?? "untitled"}"`).join(", ");
  return {
    problems: [],
    warnings: [
      {
        code: "feed_invalid",
        severity: "warning",
        message: `${withoutEnclosure.length} of ${countOf(items.length, "item")} in the feed at ${url} lack an enclosure (${examples})`,
      },
    ],
  };
}

export async function runFeedCheck(target: URL, expectations: FeedExpectations, timeoutMs: number, context: ProbeContext): Promise<CheckResult> {
  const deadline = new Deadline(timeoutMs);
  try {
    const { maxRedirects, maxBodyBytes, connectTimeoutMs } = expectations;
    const options: FetchOptions = { method: "GET", maxRedirects, maxBodyBytes, connectTimeoutMs, thresholds: expectations };
    const outcome = await fetchUrl(target, { ...options, headers: { accept: FEED_ACCEPT } }, context, deadline);
    const latencyMs = deadline.elapsedMs();
    const finalUrl = outcome.finalUrl.href;
    const result = (problems: CheckReason[], warnings: CheckWarning[] = [], okMessage = "") =>
      buildResult({
        problems,
        okMessage,
        warnings: [...outcome.warnings, ...warnings],
        statusCode: outcome.response?.statusCode ?? null,
        latencyMs: outcome.response ? latencyMs : null,
        timings: { ...outcome.phases, total: latencyMs },
        certificate: outcome.certificate,
        finalUrl,
        address: outcome.address,
      });

    const { response } = outcome;
    if (outcome.problems.length > 0 || !response) return result(outcome.problems);
    if (!statusMatches(response.statusCode, SUCCESS))
      return result([{ code: "http_status", message: `The feed at ${finalUrl} answered HTTP ${response.statusCode}` }]);
    if (response.bodyTruncated)
      return result([
        { code: "body_too_large", message: `The feed at ${finalUrl} is larger than ${formatBytes(maxBodyBytes)} (maxBodyBytes)` },
      ]);
    const feed = parseFeed(response.body.toString("utf8"));
    if (!feed.ok) return result([{ code: "feed_invalid", message: `The feed at ${finalUrl} ${feed.problem}` }]);

    const items = itemProblems(feed.items, expectations, finalUrl);
    if (items.problems.length > 0) return result(items.problems, items.warnings);
    const episodes = newestEpisodes(feed.items, expectations.enclosures);
    const enclosureProblems = await Promise.all(
      episodes.map((episode) => enclosureProblem(episode, outcome.finalUrl, options, context, deadline)),
    );
    const problems = [
      ...enclosureProblems.filter((problem) => problem !== null),
      ...latencyProblem(latencyMs, expectations.maxLatencyMs, `The feed at ${finalUrl}`),
    ];
    const checked = episodes.length > 0 ? `, newest ${episodes.length === 1 ? "enclosure" : `${episodes.length} enclosures`} reachable` : "";
    const format = feed.format === "rss" ? "RSS" : "Atom";
    return result(problems, items.warnings, `${format} feed with ${countOf(feed.items.length, "item")}${checked}`);
  } finally {
    deadline.dispose();
  }
}
