// Local HTTP receivers for alert tests: a real node:http server on 127.0.0.1 that records every
// request (path, headers, raw body) and answers per path as told — a queue of statuses, or hang.
import http from "node:http";
import type { AddressInfo } from "node:net";

export type ReceivedRequest = { path: string; headers: http.IncomingHttpHeaders; body: string; at: number };
export type Answer = { status: number; headers?: Record<string, string>; body?: string } | "hang";

export type AlertReceivers = {
  url(path: string): string;
  received: ReceivedRequest[];
  /** Answers for `path`, one per request in order; after them, 200 (202 + PagerDuty's body under /pagerduty). */
  answer(path: string, ...answers: Answer[]): void;
  bodies(path: string): unknown[];
  reset(): void;
  close(): Promise<void>;
};

export async function startAlertReceivers(): Promise<AlertReceivers> {
  const received: ReceivedRequest[] = [];
  const queues = new Map<string, Answer[]>();
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const path = request.url ?? "/";
      const body = Buffer.concat(chunks).toString("utf8");
      received.push({ path, headers: request.headers, body, at: received.length });
      const answer = queues.get(path)?.shift() ?? defaultAnswer(path, body);
      if (answer === "hang") {
        hanging.add(response);
        return;
      }
      response.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
      response.end(answer.body ?? "");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    received,
    answer(path, ...answers) {
      queues.set(path, [...(queues.get(path) ?? []), ...answers]);
    },
    bodies: (path) => received.filter((request) => request.path === path).map((request) => JSON.parse(request.body) as unknown),
    reset() {
      received.length = 0;
      queues.clear();
    },
    async close() {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function defaultAnswer(path: string, body: string): Answer {
  if (!path.startsWith("/pagerduty")) return { status: 200, body: "ok" };
  const dedupKey = (JSON.parse(body) as { dedup_key?: string }).dedup_key;
  return { status: 202, body: JSON.stringify({ status: "success", message: "Event processed", dedup_key: dedupKey }) };
}
