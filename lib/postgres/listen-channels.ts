// One reconnecting LISTEN connection (through the `postgres` client) on a set of channels. Each
// process holds one, shared by every part that listens (lib/postgres/shared-listener.ts): the
// change feed, the mailer, the alert dispatcher and the incident moment clock.
//
// It owns the connection's whole life: LISTEN on every channel, deliver (channel, payload), tell
// the caller `onListening` after every successful (re)connect — notifications sent while not
// listening are gone for good, so callers catch up there (re-read, sweep) — and `onLost` when a
// connection that was listening drops; then retry with capped, jittered exponential backoff until
// `close()`. Channels can be added and dropped while it runs (`listen`, `unlisten`).
//
// A hung server (SIGSTOPped, or a network path that drops packets) keeps the socket open and
// simply never speaks: LISTEN alone would go on "listening" to nothing. So a listening connection
// is pinged (SELECT 1 every pingIntervalMs); no answer within pingTimeoutMs counts as lost.
//
// Our own connection rather than `sql.listen`: postgres' listen() retries a lost connection only
// once, so a database restart that takes longer than one attempt would leave us deaf for good.
//
// Not `server-only`: the custom Next server (scripts/web.ts, no react-server condition) reaches
// it through the change feed.
import postgres from "postgres";
import { z } from "zod";
import { logger } from "../log";
import { parseDatabaseUrl } from "./connection-config";

/** An unquoted PostgreSQL identifier (at most 63 bytes): what Vigil's triggers notify on. */
const channelName = z
  .string()
  .regex(/^[a-z_][a-z0-9_]{0,62}$/, "a channel is a lower-case identifier of at most 63 characters (a-z, 0-9, _)");
const channelNames = z.array(channelName).min(1, "listen on at least one channel");

/** The channels, checked; throws a clear error naming the bad one. */
export function parseChannels(channels: string[]): string[] {
  const parsed = channelNames.safeParse(channels);
  if (!parsed.success) throw new Error(`invalid LISTEN channels: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join(".") || "options"}: ${issue.message}`).join("; ");
}

const listenSettings = z
  .strictObject({
    /** Names the connection in logs and in pg_stat_activity (application_name vigil-<name>). */
    name: z.string().regex(/^[a-z][a-z0-9-]{0,40}$/, "a name is lower-case letters, digits and dashes, at most 41 characters"),
    url: z.string().min(1, "no database URL"),
    channels: channelNames,
    retryMinMs: z.number().int().positive().default(500),
    retryMaxMs: z.number().int().positive().default(5_000),
    pingIntervalMs: z.number().int().positive().default(5_000),
    pingTimeoutMs: z.number().int().positive().default(2_000),
  })
  .refine((settings) => settings.retryMinMs <= settings.retryMaxMs, { message: "retryMinMs must not exceed retryMaxMs", path: ["retryMinMs"] });

export type ListenChannelsOptions = z.input<typeof listenSettings> & {
  onNotify: (channel: string, payload: string) => void;
  /** After every successful (re)connect, once LISTEN is in place on every channel. */
  onListening?: () => void;
  /** A connection that was listening is gone; retries follow until close(). */
  onLost?: () => void;
};

export type ChannelListener = {
  /** True from onListening until the connection is lost or closed. */
  readonly listening: boolean;
  /**
   * Listens on these channels too (again, if already). True once LISTEN is in place on the current
   * connection; false when not listening now — the next onListening then covers them.
   */
  listen(channels: string[]): Promise<boolean>;
  /** Stops listening on these channels, now and after any reconnect. */
  unlisten(channels: string[]): Promise<void>;
  /** Stops listening and retrying; the process can exit afterwards. */
  close(): Promise<void>;
};

/** Starts listening at once (asynchronously); throws only for invalid options. */
export function listenChannels(options: ListenChannelsOptions): ChannelListener {
  const parsed = listenSettings.safeParse({
    name: options.name,
    url: options.url,
    channels: options.channels,
    retryMinMs: options.retryMinMs,
    retryMaxMs: options.retryMaxMs,
    pingIntervalMs: options.pingIntervalMs,
    pingTimeoutMs: options.pingTimeoutMs,
  });
  if (!parsed.success) {
    throw new Error(`invalid LISTEN settings: ${describeIssues(parsed.error)}`);
  }
  const settings = parsed.data;
  // Read live by the connect loop: a channel added while it runs is listened on in the same pass.
  const channels = new Set(settings.channels);
  const connection = parseDatabaseUrl(settings.url);
  const log = () => logger().child({ listener: settings.name });

  let sql: postgres.Sql | undefined;
  let listening = false;
  let closed = false;
  let retryTimer: NodeJS.Timeout | undefined;
  let pingTimer: NodeJS.Timeout | undefined;
  let retryMs = settings.retryMinMs;
  /** Not listening since a loss or a failed attempt: logged once as a warning, and once when over. */
  let outage = false;
  let failedAttempts = 0;

  /** A failing callback must not break the connection's message handling or the retry loop. */
  const call = <A extends unknown[]>(what: string, callback: ((...args: A) => void) | undefined, ...args: A) => {
    try {
      callback?.(...args);
    } catch (error) {
      log().error({ err: error }, `${what} callback failed`);
    }
  };

  const connect = () => {
    if (closed) return;
    // `onnotify` is the option postgres' own listen() uses; its typings leave it out.
    const clientOptions: postgres.Options<Record<string, never>> & { onnotify: (channel: string, payload: string) => void } = {
      ...connection,
      max: 1,
      // Never close an idle connection: it would silently stop listening.
      idle_timeout: 0,
      max_lifetime: null,
      connect_timeout: 5,
      // The type lookup is one more query per connect and LISTEN needs no types.
      fetch_types: false,
      onnotice: () => undefined,
      connection: { application_name: `vigil-${settings.name}` },
      onnotify: (channel, payload) => call("onNotify", options.onNotify, channel, payload),
      onclose: () => {
        if (sql === current) lost(current, undefined);
      },
    };
    const current = postgres(clientOptions);
    sql = current;
    void (async () => {
      try {
        for (const channel of channels) await current`LISTEN ${current(channel)}`;
      } catch (error) {
        if (sql === current) lost(current, error);
        return;
      }
      if (closed || sql !== current) return;
      listening = true;
      retryMs = settings.retryMinMs;
      if (outage) log().info({ failedAttempts }, "listening again");
      outage = false;
      failedAttempts = 0;
      pingWhileListening(current);
      call("onListening", options.onListening);
    })();
  };

  const pingWhileListening = (current: postgres.Sql) => {
    clearInterval(pingTimer);
    let waiting = false;
    pingTimer = setInterval(() => {
      if (sql !== current) return clearInterval(pingTimer);
      if (waiting) return;
      waiting = true;
      let timeout: NodeJS.Timeout | undefined;
      const silent = new Promise<never>((_, reject) => {
        timeout = setTimeout(() => reject(new Error(`no answer to a ping within ${settings.pingTimeoutMs} ms`)), settings.pingTimeoutMs);
      });
      Promise.race([current`SELECT 1`, silent])
        .catch((error: unknown) => {
          if (sql === current) lost(current, error);
        })
        .finally(() => {
          clearTimeout(timeout);
          waiting = false;
        });
    }, settings.pingIntervalMs);
    pingTimer.unref();
  };

  const lost = (current: postgres.Sql, error: unknown) => {
    sql = undefined;
    clearInterval(pingTimer);
    void current.end({ timeout: 0 }).catch(() => undefined);
    const wasListening = listening;
    listening = false;
    if (closed) return;
    const reason = error instanceof Error ? error.message : "connection closed";
    if (wasListening) {
      log().warn({ reason, retryMs }, "lost the LISTEN connection; reconnecting");
      call("onLost", options.onLost);
    } else {
      failedAttempts += 1;
      if (outage) log().debug({ reason, retryMs, failedAttempts }, "cannot LISTEN yet");
      else log().warn({ reason, retryMs }, "cannot LISTEN; retrying with backoff");
    }
    outage = true;
    clearTimeout(retryTimer);
    // Jittered (half to all of the backoff): after a database restart, every web instance and
    // worker would otherwise reconnect in the same instant, again and again.
    retryTimer = setTimeout(connect, retryMs * (0.5 + Math.random() / 2));
    // The retry alone must not keep a process alive that is otherwise done.
    retryTimer.unref();
    retryMs = Math.min(settings.retryMaxMs, retryMs * 2);
  };

  connect();
  return {
    get listening() {
      return listening;
    },
    async listen(added) {
      const valid = parseChannels(added);
      for (const channel of valid) channels.add(channel);
      const current = sql;
      if (!listening || !current) return false;
      try {
        for (const channel of valid) await current`LISTEN ${current(channel)}`;
      } catch (error) {
        if (sql === current) lost(current, error);
        return false;
      }
      return listening && sql === current;
    },
    async unlisten(dropped) {
      for (const channel of dropped) channels.delete(channel);
      // Also while connecting: the connect loop may have listened on them already.
      const current = sql;
      if (!current) return;
      for (const channel of dropped) await current`UNLISTEN ${current(channel)}`.catch(() => undefined);
    },
    async close() {
      closed = true;
      listening = false;
      clearTimeout(retryTimer);
      clearInterval(pingTimer);
      const current = sql;
      sql = undefined;
      await current?.end({ timeout: 1 }).catch(() => undefined);
    },
  };
}
