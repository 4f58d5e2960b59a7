// One LISTEN connection per process and database URL, shared by every part that listens: the web
// process's change feed (lib/live/change-feed.ts) and the worker's mailer, alert dispatcher and
// incident moment clock (jobs/). Each connection is a PostgreSQL backend of a few MB, and the
// all-in-one process runs all four parts.
//
// Each part subscribes its channels and keeps its own callbacks: onNotify for its channels,
// onListening after every (re)connect once its channels are in place (notifications sent while not
// listening are gone, so each part catches up there as before), onLost when a connection it was
// listening on drops. The connection (lib/postgres/listen-channels.ts) listens on the union of the
// channels: a part that joins a running connection has its channels LISTENed at once; a channel
// nobody subscribes to any more is UNLISTENed; the last part to leave closes the connection.
//
// Parts sharing a URL share a connection; another URL gets one of its own. Kept on globalThis:
// the all-in-one process loads lib/ twice — the custom server and the worker in one module graph,
// Next's bundle (the console, /api/live) in another — and either may start the change feed.
import { logger } from "../log";
import { listenChannels, parseChannels, type ChannelListener } from "./listen-channels";

export type SharedListenOptions = {
  /** A URL with a session of its own (DATABASE_SESSION_URL): LISTEN never works through a transaction pooler. */
  url: string;
  channels: string[];
  onNotify: (channel: string, payload: string) => void;
  /** After every (re)connect, once LISTEN is in place on this subscriber's channels. */
  onListening?: () => void;
  /** The connection this subscriber was listening on is gone; it reconnects by itself. */
  onLost?: () => void;
};

export type ListenSubscription = {
  /** True from this subscriber's onListening until the connection is lost or it unsubscribes. */
  readonly listening: boolean;
  /** Stops this subscriber's callbacks; the connection closes when it was the last one. */
  close(): Promise<void>;
};

type Subscriber = Omit<SharedListenOptions, "url"> & { listening: boolean };

/** Application name vigil-listen in pg_stat_activity, `listener: "listen"` in the logs. */
const CONNECTION_NAME = "listen";

class SharedListener {
  private readonly subscribers = new Set<Subscriber>();
  private connection: ChannelListener | undefined;

  constructor(
    private readonly url: string,
    private readonly onEmpty: () => void,
  ) {}

  subscribe(options: SharedListenOptions): ListenSubscription {
    const subscriber: Subscriber = { ...options, listening: false };
    this.subscribers.add(subscriber);
    if (!this.connection) {
      this.connection = listenChannels({
        name: CONNECTION_NAME,
        url: this.url,
        channels: subscriber.channels,
        onNotify: (channel, payload) => this.notify(channel, payload),
        onListening: () => {
          for (const each of this.subscribers) this.ready(each);
        },
        onLost: () => this.lost(),
      });
    } else {
      // LISTEN again even on channels another subscriber holds: queued behind that one's LISTEN on
      // the same connection, its completion means this subscriber's channels are all in place.
      const connection = this.connection;
      void connection.listen(subscriber.channels).then((inPlace) => {
        if (inPlace && this.connection === connection) this.ready(subscriber);
      });
    }
    return {
      get listening() {
        return subscriber.listening;
      },
      close: () => this.unsubscribe(subscriber),
    };
  }

  private ready(subscriber: Subscriber): void {
    if (subscriber.listening || !this.subscribers.has(subscriber) || !this.connection?.listening) return;
    subscriber.listening = true;
    call("onListening", subscriber.onListening);
  }

  private lost(): void {
    for (const subscriber of this.subscribers) {
      if (!subscriber.listening) continue;
      subscriber.listening = false;
      call("onLost", subscriber.onLost);
    }
  }

  private notify(channel: string, payload: string): void {
    for (const subscriber of this.subscribers) if (subscriber.channels.includes(channel)) call("onNotify", subscriber.onNotify, channel, payload);
  }

  private async unsubscribe(subscriber: Subscriber): Promise<void> {
    subscriber.listening = false;
    if (!this.subscribers.delete(subscriber)) return;
    const connection = this.connection;
    if (!connection) return;
    if (this.subscribers.size === 0) {
      this.connection = undefined;
      this.onEmpty();
      await connection.close();
      return;
    }
    const stillHeard = new Set([...this.subscribers].flatMap((each) => each.channels));
    const dropped = subscriber.channels.filter((channel) => !stillHeard.has(channel));
    if (dropped.length > 0) await connection.unlisten(dropped);
  }
}

/** One subscriber's failing callback must not keep the others from hearing the news. */
function call<A extends unknown[]>(what: string, callback: ((...args: A) => void) | undefined, ...args: A): void {
  try {
    callback?.(...args);
  } catch (error) {
    logger().child({ listener: CONNECTION_NAME }).error({ err: error }, `${what} callback failed`);
  }
}

const holder = globalThis as { vigilSharedListeners?: Map<string, SharedListener> };

/** Subscribes to this process's LISTEN connection for `url`, opening it on first use. */
export function listenShared(options: SharedListenOptions): ListenSubscription {
  const channels = parseChannels(options.channels);
  const listeners = (holder.vigilSharedListeners ??= new Map());
  let shared = listeners.get(options.url);
  if (!shared) {
    const created = new SharedListener(options.url, () => {
      if (listeners.get(options.url) === created) listeners.delete(options.url);
    });
    listeners.set(options.url, created);
    shared = created;
  }
  return shared.subscribe({ ...options, channels });
}
