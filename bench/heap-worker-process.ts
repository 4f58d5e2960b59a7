// A worker (jobs/start-worker.ts) for bench:heap, started with --expose-gc and an IPC channel. On
// "measure" it collects garbage until the heap stops shrinking, answers with the heap in use, and
// writes a heap snapshot to the path it was given; on "stop" it stops the worker and exits.
import v8 from "node:v8";
import { startWorker } from "../jobs/start-worker";
import { disconnectDb } from "../lib/db";

type Request = { measure: string } | "stop";

const collect = (globalThis as { gc?: () => void }).gc;
if (!collect) throw new Error("bench/heap-worker-process.ts needs node --expose-gc");

const worker = await startWorker();

async function settledHeapBytes(): Promise<number> {
  let previous = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 10; round++) {
    collect!();
    await new Promise((resolve) => setImmediate(resolve)); // let finalizers and weak callbacks run
    const used = v8.getHeapStatistics().used_heap_size;
    if (used >= previous * 0.999) return used;
    previous = used;
  }
  return previous;
}

process.on("message", (request: Request) => {
  void (async () => {
    if (request === "stop") {
      await worker.stop("bench done");
      await disconnectDb();
      process.exit(0);
    }
    const heapBytes = await settledHeapBytes();
    const rssBytes = process.memoryUsage.rss();
    v8.writeHeapSnapshot(request.measure);
    process.send?.({ heapBytes, rssBytes });
  })();
});
process.on("disconnect", () => process.exit(0));
process.send?.("ready");
