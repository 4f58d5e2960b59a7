// The view cache against the real change feed: a load that started before a change and finishes
// after a newer load leaves no trace — neither in memory, nor on disk, nor as a scheduled refresh —
// and a large older view still being written does not land on disk after a newer one.
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changeFeed, stopChangeFeed } from "../live/change-feed";
import { cachedView, clearViewCache } from "./view-cache";

let dataDir: string;

beforeAll(async () => {
  // Before anything reads the environment (env() parses once).
  dataDir = await mkdtemp(path.join(os.tmpdir(), "vigil-view-cache-"));
  process.env.DATA_DIR = dataDir;
  expect(await changeFeed().ready()).toBe(true);
  clearViewCache();
});

afterAll(async () => {
  await stopChangeFeed();
  await rm(dataDir, { recursive: true, force: true });
});

describe("cachedView", () => {
  it("keeps what a newer load stored when an older one finishes last", async () => {
    const key = "race-home";
    const persisted = () => readFile(path.join(dataDir, "views", `${key}.json`), "utf8").then((text) => (JSON.parse(text) as { value: string }).value);
    const refreshes: string[] = [];
    const options = { persist: true, refreshAt: (value: string) => (refreshes.push(value), null) };

    let finishOld!: (value: string) => void;
    const feed = changeFeed();
    const before = feed.generation;
    const old = cachedView(key, () => new Promise<string>((resolve) => (finishOld = resolve)), { ...options, now: new Date() });

    feed.invalidateAt(new Date()); // a change while the old load runs
    await expect.poll(() => feed.generation).toBeGreaterThan(before);
    expect((await cachedView(key, async () => "new", { ...options, now: new Date() })).value).toBe("new");
    await expect.poll(persisted).toBe("new");

    finishOld("old");
    expect((await old).value).toBe("old"); // its own caller still gets what it read
    // A persist the old load started would be written within milliseconds.
    await new Promise((resolve) => setTimeout(resolve, 200));

    expect(refreshes).toEqual(["new"]);
    expect(await persisted()).toBe("new");
  });

  it("writes a view's persisted copies in order: a large older one does not land after a newer one", async () => {
    const key = "order-home";
    const views = path.join(dataDir, "views");
    const feed = changeFeed();
    let finishOld!: (value: string) => void;
    let finishNew!: (value: string) => void;
    const before = feed.generation;
    const old = cachedView(key, () => new Promise<string>((resolve) => (finishOld = resolve)), { persist: true, now: new Date() });
    feed.invalidateAt(new Date());
    await expect.poll(() => feed.generation).toBeGreaterThan(before);
    const newer = cachedView(key, () => new Promise<string>((resolve) => (finishNew = resolve)), { persist: true, now: new Date() });

    // Both loads finish in one turn, the older first: its write (many chunks) starts first and
    // would rename its file last if the two were written side by side.
    finishOld("old".repeat(4_000_000));
    finishNew("new");
    await Promise.all([old, newer]);
    await expect.poll(async () => (await readdir(views)).filter((name) => name.startsWith(key))).toEqual([`${key}.json`]);
    const saved = JSON.parse(await readFile(path.join(views, `${key}.json`), "utf8")) as { value: string };
    expect(saved.value).toBe("new");
  });
});
