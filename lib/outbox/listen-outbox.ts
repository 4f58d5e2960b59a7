// Wakes a mailer when a transaction that wrote outbox rows commits (NOTIFY on OUTBOX_CHANNEL).
// One dedicated connection; if it drops, it reconnects after a pause — the mailer's periodic sweep
// delivers in the meantime, so a lost notification only delays mail by one sweep. LISTEN needs a
// session of its own: DATABASE_SESSION_URL (default DATABASE_URL), past any transaction pooler.
import "server-only";
import pg from "pg";
import { databaseUrl } from "../db";
import { sessionDatabaseUrl } from "../env";
import { parseDatabaseUrl } from "../postgres/connection-config";
import { OUTBOX_CHANNEL } from "./wake-mailer";

export type OutboxListener = { close(): Promise<void> };

export function listenForOutbox(onNotify: () => void, log: (message: string) => void, url: string = sessionDatabaseUrl() ?? databaseUrl()): OutboxListener {
  let client: pg.Client | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;

  const connect = async () => {
    const next = new pg.Client({ ...parseDatabaseUrl(url), connectionTimeoutMillis: 5_000 });
    next.on("notification", () => onNotify());
    next.on("error", (error) => {
      log(`outbox listener lost its connection (${error.message}); reconnecting`);
      void next.end().catch(() => {});
      schedule();
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${OUTBOX_CHANNEL}`);
      if (closed) return void (await next.end());
      client = next;
      onNotify(); // anything written while we were not listening
    } catch (error) {
      log(`outbox listener cannot connect (${(error as Error).message}); retrying`);
      void next.end().catch(() => {});
      schedule();
    }
  };
  const schedule = () => {
    client = undefined;
    if (!closed && !retry) retry = setTimeout(() => ((retry = undefined), void connect()), 5_000);
  };
  void connect();
  return {
    async close() {
      closed = true;
      clearTimeout(retry);
      await client?.end().catch(() => {});
    },
  };
}
