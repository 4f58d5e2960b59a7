// Feed checks against the fixture zoo's podcast feeds and enclosures.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFixtureZoo, type FixtureZoo } from "@/test/fixtures/fixture-servers";
import { runCheck } from "./run-check";
import { CheckResult } from "./schemas";

let zoo: FixtureZoo;
beforeAll(async () => {
  zoo = await startFixtureZoo();
});
afterAll(() => zoo.close());

async function feed(name: string, expectations: Record<string, unknown> = {}) {
  const result = await runCheck({ kind: "feed", target: zoo.httpUrl(`/feeds/${name}`), timeoutMs: 3000, expectations }, zoo.probeOptions);
  expect(CheckResult.parse(result)).toEqual(result);
  return result;
}
const codes = (result: CheckResult) => result.reasons.map((reason) => reason.code);

describe("feed checks", () => {
  it("is up for a podcast whose newest enclosure answers", async () => {
    const result = await feed("podcast.xml");
    expect(result).toMatchObject({ state: "up", statusCode: 200, warnings: [] });
    expect(result.reasons[0]?.message).toBe("RSS feed with 3 items, newest enclosure reachable");
  });

  it("checks as many of the newest enclosures as asked", async () => {
    expect((await feed("podcast.xml", { enclosures: 3 })).reasons[0]?.message).toBe("RSS feed with 3 items, newest 3 enclosures reachable");
  });

  it("reads Atom", async () => {
    expect((await feed("atom.xml")).reasons[0]?.message).toBe("Atom feed with 1 item, newest enclosure reachable");
  });

  it("is down for malformed XML", async () => {
    const result = await feed("broken.xml");
    expect(codes(result)).toEqual(["feed_invalid"]);
    expect(result.reasons[0]?.message).toContain("is not well-formed XML (line 1:");
  });

  it("is down for XML that is not a feed", async () => {
    expect(codes(await feed("not-a-feed.xml"))).toEqual(["feed_invalid"]);
  });

  it("is down for a feed without items", async () => {
    expect(codes(await feed("empty.xml"))).toEqual(["feed_empty"]);
  });

  it("is down for a podcast feed without a single enclosure, unless enclosures are not wanted", async () => {
    const result = await feed("no-enclosures.xml");
    expect(result.reasons).toEqual([
      { code: "feed_empty", message: `The feed at ${zoo.httpUrl("/feeds/no-enclosures.xml")} has 2 items but no episode: none has an enclosure` },
    ]);
    expect((await feed("no-enclosures.xml", { enclosures: 0 })).state).toBe("up");
  });

  it("warns about items without an enclosure among episodes", async () => {
    const result = await feed("some-without-enclosures.xml");
    expect(result.state).toBe("up");
    expect(result.warnings).toEqual([
      {
        code: "feed_invalid",
        severity: "warning",
        message: `1 of 3 items in the feed at ${zoo.httpUrl("/feeds/some-without-enclosures.xml")} lack an enclosure ("Announcement")`,
      },
    ]);
  });

  it("is down when the newest episode's enclosure is missing (newest by date, not by position)", async () => {
    const result = await feed("missing-episode.xml");
    expect(result.reasons).toEqual([
      {
        code: "enclosure_unreachable",
        message: `Enclosure of "Episode 2" (${zoo.httpUrl("/media/missing.mp3")}) answered HTTP 404`,
      },
    ]);
  });

  it("falls back to a one-byte range GET when HEAD is refused", async () => {
    expect((await feed("head-refused.xml")).state).toBe("up");
  });

  it("is down when the feed itself fails", async () => {
    const result = await runCheck({ kind: "feed", target: zoo.httpUrl("/status/503"), timeoutMs: 3000 }, zoo.probeOptions);
    expect(codes(result)).toEqual(["http_status"]);
  });

  it("is down for a feed larger than its cap", async () => {
    const result = await runCheck(
      { kind: "feed", target: zoo.httpUrl("/huge"), timeoutMs: 3000, expectations: { maxBodyBytes: 64 * 1024 } },
      zoo.probeOptions,
    );
    expect(result.reasons).toEqual([
      { code: "body_too_large", message: `The feed at ${zoo.httpUrl("/huge")} is larger than 64 KiB (maxBodyBytes)` },
    ]);
  });

  it("checks a feed over https with the TLS rules", async () => {
    const result = await runCheck({ kind: "feed", target: zoo.httpsUrl("critical", "/feeds/podcast.xml"), timeoutMs: 3000 }, zoo.probeOptions);
    expect(result.state).toBe("up");
    expect(result.warnings.map((warning) => warning.severity)).toEqual(["critical"]);
    expect(result.certificate?.daysLeft).toBe(5);
  });
});
