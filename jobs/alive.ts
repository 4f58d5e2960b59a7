// The worker's ALIVE_URL pings: once a minute, only while healthy (lib/alerts/alive-ping.ts). A
// ping that fails is logged and not retried: the next minute's ping is the retry.
import { createAlertSender } from "../lib/alerts/alert-sender";
import { aliveVerdict, pingAlive } from "../lib/alerts/alive-ping";
import { staleAfterMs } from "../lib/workers/heartbeats";

export const ALIVE_INTERVAL_MS = 60_000;

export async function startAlivePings(options: {
  url: string;
  region: string;
  heartbeatSeconds: number;
  lastBeatAt: () => Date | null;
  log: (message: string) => void;
}): Promise<{ stop(): Promise<void> }> {
  const sender = await createAlertSender();
  let running = Promise.resolve();
  const beat = async () => {
    const now = new Date();
    const verdict = await aliveVerdict({ region: options.region, lastBeatAt: options.lastBeatAt(), staleAfterMs: staleAfterMs(options.heartbeatSeconds), now });
    if (!verdict.healthy) return options.log(`not pinging ALIVE_URL: ${verdict.why}`);
    const outcome = await pingAlive(options.url, sender, now);
    if (outcome.outcome !== "sent") options.log(`ALIVE_URL ping failed: ${outcome.reason}`);
  };
  const timer = setInterval(() => {
    running = beat().catch((error: unknown) => options.log(`ALIVE_URL ping skipped: ${(error as Error).message}`));
  }, ALIVE_INTERVAL_MS);
  return {
    async stop() {
      clearInterval(timer);
      await running;
      await sender.agent.close();
    },
  };
}
