// The web process's subscription to its LISTEN connection (lib/postgres/shared-listener.ts — one per
// process, shared with the worker's parts in the all-in-one process) on the channel the
// database triggers notify (prisma/migrations/*_status_change_notify): every writer — worker,
// admin console, CLI, psql — announces changes, so no writer has to remember to.
//
// The feed keeps a `generation` number: cached views and cached response bytes are valid only for
// the generation they were built in. It moves on
//   - a notification (bursts coalesced: one bump per COALESCE_MS),
//   - (re)connecting — changes may have been missed while not listening,
//   - a scheduled time (`invalidateAt`, e.g. when a worker's heartbeat goes stale),
//   - the safety max age (STATUS_CACHE_MAX_AGE_SECONDS), in case a change slipped past a trigger.
// While not listening (database down or unreachable) `listening` is false and caches must not
// trust their entries as current; the connection is retried with backoff (0.5 s doubling to 5 s).
//
// The same subscription also listens on the heartbeat channel (prisma/migrations/*_heartbeat_notify):
// each worker heartbeat announces its region and time there. Those do NOT move the generation
// (they come every few seconds and would empty every cache); the feed only remembers the newest
// heartbeat per region, so the page computes worker liveness from memory (lib/public-read/current-status.ts).
//
// Not `server-only`: the custom server (scripts/web-server.ts, no react-server condition) answers
// and renders public responses by it, and the Next bundle (the console, /api/live in development)
// uses it too — two module graphs in one process, so its one instance per process is kept on
// globalThis for both to share.
import { z } from "zod";
import { env, sessionDatabaseUrl } from "../env";
import { listenShared, type ListenSubscription } from "../postgres/shared-listener";
import { logger } from "../log";

export const STATUS_CHANNEL = "vigil_status";
export const HEARTBEAT_CHANNEL = "vigil_heartbeat";
const COALESCE_MS = 100;

export type FeedChange = { generation: number; reason: "notify" | "reconnect" | "disconnect" | "scheduled" | "max-age"; tables: string[] };
type FeedListener = (change: FeedChange) => void;
export type Heartbeat = { region: string; at: Date };
type HeartbeatListener = (heartbeat: Heartbeat) => void;

/** The heartbeat trigger's payload: the region and the heartbeat's time in epoch milliseconds. */
const heartbeatPayload = z.strictObject({ region: z.string().min(1).max(200), at: z.number().int().nonnegative() });

/** Parses a heartbeat notification; null (never a throw) for anything else. */
export function parseHeartbeat(payload: string): Heartbeat | null {
  let json: unknown;
  try {
    json = JSON.parse(payload);
  } catch {
    return null;
  }
  const parsed = heartbeatPayload.safeParse(json);
  return parsed.success ? { region: parsed.data.region, at: new Date(parsed.data.at) } : null;
}

export class ChangeFeed {
  generation = 0;
  private readonly listeners = new Set<FeedListener>();
  private readonly heartbeatListeners = new Set<HeartbeatListener>();
  /** Newest heartbeat seen per region (epoch ms), from notifications since this process started. */
  private readonly heartbeats = new Map<string, number>();
  private pendingTables = new Set<string>();
  private coalesceTimer: NodeJS.Timeout | undefined;
  private maxAgeTimer: NodeJS.Timeout | undefined;
  private readonly scheduled = new Map<number, NodeJS.Timeout>();
  private subscription: ListenSubscription | undefined;
  private stopped = false;

  /** True while the LISTEN connection is in place; caches trust their entries only then. */
  get listening(): boolean {
    return this.subscription?.listening ?? false;
  }

  constructor(
    private readonly databaseUrl: string | undefined,
    private readonly maxAgeMs: number,
  ) {}

  start(): void {
    if (this.subscription || this.stopped || !this.databaseUrl) return;
    this.subscription = listenShared({
      url: this.databaseUrl,
      channels: [STATUS_CHANNEL, HEARTBEAT_CHANNEL],
      onNotify: (channel, payload) => (channel === HEARTBEAT_CHANNEL ? this.onHeartbeatNotify(payload) : this.onNotify(payload)),
      // Changes may have been missed while not listening.
      onListening: () => this.bump("reconnect", []),
      onLost: () => this.bump("disconnect", []),
    });
    if (this.maxAgeMs > 0 && !this.maxAgeTimer) {
      this.maxAgeTimer = setInterval(() => this.bump("max-age", []), this.maxAgeMs);
      this.maxAgeTimer.unref();
    }
  }

  /** Resolves once the feed listens (or after `timeoutMs`); true when listening. */
  async ready(timeoutMs = 5_000): Promise<boolean> {
    this.start();
    const deadline = Date.now() + timeoutMs;
    while (!this.listening && Date.now() < deadline && !this.stopped) await new Promise((resolve) => setTimeout(resolve, 20));
    return this.listening;
  }

  subscribe(listener: FeedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called for each heartbeat notification (after it is recorded); does not move the generation. */
  onHeartbeat(listener: HeartbeatListener): () => void {
    this.heartbeatListeners.add(listener);
    return () => this.heartbeatListeners.delete(listener);
  }

  /** The newest heartbeat this feed has heard of, any region; null before the first one. */
  newestHeartbeat(): Date | null {
    let newest: number | null = null;
    for (const at of this.heartbeats.values()) if (newest === null || at > newest) newest = at;
    return newest === null ? null : new Date(newest);
  }

  /** The newest heartbeat heard of per region. */
  heartbeatsByRegion(): Heartbeat[] {
    return [...this.heartbeats].map(([region, at]) => ({ region, at: new Date(at) })).sort((a, b) => a.region.localeCompare(b.region));
  }

  /** Moves the generation at `at` (once per distinct time); the page's clock-driven changes. */
  invalidateAt(at: Date, now: Date = new Date()): void {
    const time = at.getTime();
    if (this.scheduled.has(time)) return;
    const timer = setTimeout(() => {
      this.scheduled.delete(time);
      this.bump("scheduled", []);
    }, Math.max(0, time - now.getTime()));
    timer.unref();
    this.scheduled.set(time, timer);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of [this.coalesceTimer, this.maxAgeTimer, ...this.scheduled.values()]) clearTimeout(timer);
    const subscription = this.subscription;
    this.subscription = undefined;
    await subscription?.close();
  }

  private onNotify(table: string): void {
    this.pendingTables.add(table.slice(0, 64));
    this.coalesceTimer ??= setTimeout(() => {
      this.coalesceTimer = undefined;
      const tables = [...this.pendingTables].sort();
      this.pendingTables = new Set();
      this.bump("notify", tables);
    }, COALESCE_MS);
  }

  private onHeartbeatNotify(payload: string): void {
    const heartbeat = parseHeartbeat(payload);
    if (!heartbeat) {
      logger().warn({ payload: payload.slice(0, 200) }, "ignored a malformed heartbeat notification");
      return;
    }
    const at = heartbeat.at.getTime();
    if ((this.heartbeats.get(heartbeat.region) ?? -1) >= at) return;
    this.heartbeats.set(heartbeat.region, at);
    callEach(this.heartbeatListeners, heartbeat, "heartbeat listener failed");
  }

  private bump(reason: FeedChange["reason"], tables: string[]): void {
    this.generation += 1;
    callEach(this.listeners, { generation: this.generation, reason, tables }, "change-feed listener failed");
  }
}

/** One failing listener must not keep the others from hearing the news. */
function callEach<T>(listeners: Iterable<(value: T) => void>, value: T, failure: string): void {
  for (const listener of listeners) {
    try {
      listener(value);
    } catch (error) {
      logger().error({ err: error }, failure);
    }
  }
}

const holder = globalThis as { vigilChangeFeed?: ChangeFeed };

/**
 * This process's change feed, started on first use. LISTEN needs a session of its own, so it
 * connects to DATABASE_SESSION_URL (default DATABASE_URL), never through a transaction pooler.
 */
export function changeFeed(): ChangeFeed {
  if (!holder.vigilChangeFeed) {
    const config = env();
    holder.vigilChangeFeed = new ChangeFeed(sessionDatabaseUrl(config), config.STATUS_CACHE_MAX_AGE_SECONDS * 1000);
  }
  holder.vigilChangeFeed.start();
  return holder.vigilChangeFeed;
}

/** Stops and forgets this process's feed (tests, shutdown). */
export async function stopChangeFeed(): Promise<void> {
  await holder.vigilChangeFeed?.stop();
  holder.vigilChangeFeed = undefined;
}
