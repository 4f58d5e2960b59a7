// GET /api/live — server-sent events: "change" whenever the status may have changed. Every client
// of this web instance shares its one LISTEN connection (lib/live/change-feed.ts).
import { changeFeed } from "@/lib/live/change-feed";

export const dynamic = "force-dynamic";

const KEEPALIVE_MS = 25_000;

export function GET(request: Request): Response {
  const feed = changeFeed();
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      send(`retry: 3000\nevent: hello\ndata: ${JSON.stringify({ generation: feed.generation, listening: feed.listening })}\n\n`);
      // The safety max-age bump changes nothing visible: clients are not told about it.
      const unsubscribe = feed.subscribe((change) => {
        if (change.reason !== "max-age") send(`event: change\ndata: ${JSON.stringify(change)}\n\n`);
      });
      const keepalive = setInterval(() => send(`: keepalive\n\n`), KEEPALIVE_MS);
      cleanup = () => {
        unsubscribe();
        clearInterval(keepalive);
      };
      request.signal.addEventListener("abort", () => {
        cleanup();
        try {
          controller.close();
        } catch {
          // already closed
        }
      });
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-store",
      "X-Accel-Buffering": "no",
      "Access-Control-Allow-Origin": "*",
    },
  });
}
