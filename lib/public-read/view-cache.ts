// Cached views of the public page: the last good value of each view (a plain DTO) kept in memory
// and valid for the change feed's generation it was read in (lib/live/change-feed.ts), so a cached
// view makes no database query. When the database fails, the last good value keeps being served,
// marked stale, and the database is retried at most every RETRY_MS (single-flight per view). A read
// slower than PUBLIC_READ_TIMEOUT_MS (a hung database) is not waited for when a last good value
// exists: that value answers, marked stale, and the read goes on to refresh it.
// Views that ask for it are also persisted under DATA_DIR, so a web instance restarted while the
// database is down still has something true-but-old to show.
//
//   cachedView(key, load, { now, persist, refreshAt }): { value, stale, loadedAt }
import "server-only";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { rememberAtMost } from "../bounded-map";
import { changeFeed } from "../live/change-feed";
import { env } from "../env";
import { logger } from "../log";

/** Without a LISTEN connection nobody tells us about changes: trust a view this long. */
const UNLISTENED_TTL_MS = 5_000;
/** After a failed read, serve the stale value this long before trying the database again. */
const RETRY_MS = 5_000;
/** Views kept per process (history pages, incidents…); the oldest go first. */
const MAX_ENTRIES = 500;

/** `failedAt`/`failedGeneration`: the last failed read, so retries wait RETRY_MS unless the feed moved (e.g. reconnected). */
type Entry = { value: unknown; generation: number; loadedAt: number; stale: boolean; failedAt: number | null; failedGeneration?: number };
export type CachedView<T> = { value: T; stale: boolean; loadedAt: Date };

export type CachedViewOptions<T> = {
  now: Date;
  /** Persist the last good value under DATA_DIR (the home snapshot). */
  persist?: boolean;
  /** A time at which the value goes out of date by itself (a worker heartbeat turning stale). */
  refreshAt?: (value: T) => Date | null;
};

// Module state: only the public routes read views, and they all run in one module graph — the
// custom server's (scripts/web-routes.ts), or in development the Next bundle's catch-all route —
// so one module instance serves them all.
const entries = new Map<string, Entry>();
/** Loads in flight, with the generation each started at: a newer request never joins an older load. */
const loads = new Map<string, { generation: number; promise: Promise<Entry> }>();

export async function cachedView<T>(key: string, load: () => Promise<T>, options: CachedViewOptions<T>): Promise<CachedView<T>> {
  const now = options.now.getTime();
  const feed = changeFeed();
  const entry = entries.get(key);
  if (entry && isCurrent(entry, feed.generation, feed.listening, now)) return view<T>(entry);
  if (entry?.failedAt && entry.failedGeneration === feed.generation && now - entry.failedAt < RETRY_MS) return view<T>(entry);

  // A load that started before the latest change read the data before it: joining it would answer
  // (and the response cache would keep, under the new generation) what the change replaced.
  const inFlight = loads.get(key);
  let pending = inFlight?.generation === feed.generation ? inFlight.promise : undefined;
  if (!pending) {
    const generation = feed.generation;
    // The load stores its own result: it may finish after its caller stopped waiting for it.
    const started: Promise<Entry> = load().then((value) => {
      const fresh: Entry = { value, generation, loadedAt: now, stale: false, failedAt: null };
      // An older load finishing last must not replace what a newer one stored, in memory or on disk.
      if ((entries.get(key)?.generation ?? -1) > generation) return fresh;
      rememberAtMost(entries, key, fresh, MAX_ENTRIES);
      const refreshAt = options.refreshAt?.(value as T);
      if (refreshAt) feed.invalidateAt(refreshAt, new Date(now));
      if (options.persist) persist(key, fresh);
      return fresh;
    });
    pending = started;
    const flight = { generation, promise: started };
    loads.set(key, flight);
    const done = () => {
      if (loads.get(key) === flight) loads.delete(key);
    };
    void started.then(done, done);
  }
  try {
    const loaded = await withinDeadline(pending, env().PUBLIC_READ_TIMEOUT_MS);
    if (loaded) return view<T>(loaded);
    // A slow or hung database: answer from the last good value now; the load goes on.
    const fallback = entry ?? (options.persist ? await readPersisted(key) : undefined);
    if (!fallback) return view<T>(await pending);
    const meanwhile = entries.get(key);
    if (meanwhile && !meanwhile.stale && meanwhile.generation === feed.generation) return view<T>(meanwhile);
    return view<T>(markStale(key, fallback, now, feed.generation));
  } catch (error) {
    const fallback = entry ?? (options.persist ? await readPersisted(key) : undefined);
    if (!fallback) throw error;
    return view<T>(markStale(key, fallback, now, feed.generation));
  }
}

function markStale(key: string, fallback: Entry, now: number, generation: number): Entry {
  const stale: Entry = { ...fallback, stale: true, failedAt: now, failedGeneration: generation };
  rememberAtMost(entries, key, stale, MAX_ENTRIES);
  return stale;
}

/** The load's entry, or null when it takes longer than `ms` (it is not cancelled). */
async function withinDeadline(pending: Promise<Entry>, ms: number): Promise<Entry | null> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)));
  try {
    return await Promise.race([pending, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Forgets every cached view (tests). */
export function clearViewCache(): void {
  entries.clear();
  loads.clear();
}

function isCurrent(entry: Entry, generation: number, listening: boolean, now: number): boolean {
  if (entry.stale || entry.generation !== generation) return false;
  return listening || now - entry.loadedAt < UNLISTENED_TTL_MS;
}

function view<T>(entry: Entry): CachedView<T> {
  return { value: entry.value as T, stale: entry.stale, loadedAt: new Date(entry.loadedAt) };
}

function persistedPath(key: string): string {
  return path.resolve(env().DATA_DIR, "views", `${key.replace(/[^a-z0-9-]/gi, "_")}.json`);
}

let persistSequence = 0;
/**
 * Per key, the newest entry to write and the write in progress. A key's writes run one after the
 * other, so a large older view still being written cannot land after a newer one; an entry that a
 * newer one replaced while it waited is not written at all.
 */
const persisting = new Map<string, { entry: Entry; writing: Promise<void> }>();

function persist(key: string, entry: Entry): void {
  const previous = persisting.get(key)?.writing ?? Promise.resolve();
  const writing = previous.then(() => (persisting.get(key)?.entry === entry ? writeView(key, entry) : undefined));
  persisting.set(key, { entry, writing });
  void writing.then(() => {
    if (persisting.get(key)?.writing === writing) persisting.delete(key);
  });
}

async function writeView(key: string, entry: Entry): Promise<void> {
  const file = persistedPath(key);
  try {
    await mkdir(path.dirname(file), { recursive: true });
    // A unique temporary name per write: instances sharing DATA_DIR each rename a whole file.
    const temporary = `${file}.${process.pid}.${(persistSequence += 1)}.tmp`;
    await writeFile(temporary, JSON.stringify({ loadedAt: entry.loadedAt, value: entry.value }));
    await rename(temporary, file);
  } catch (error) {
    logger().warn({ err: error, key }, "could not persist a public view");
  }
}

async function readPersisted(key: string): Promise<Entry | undefined> {
  try {
    const saved = JSON.parse(await readFile(persistedPath(key), "utf8")) as { loadedAt: number; value: unknown };
    return { value: saved.value, generation: -1, loadedAt: saved.loadedAt, stale: true, failedAt: null };
  } catch {
    return undefined;
  }
}
