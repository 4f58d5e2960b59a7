// Between node:http and the web's Request/Response: how the custom server (scripts/web-server.ts)
// runs a route handler itself, without Next. A request body is streamed, never buffered here (the
// handlers read it with their own limits, lib/http/request-body.ts); a response body is streamed
// too, so an event stream (/api/live) flows, and a client that goes away aborts the request's
// signal, as Next's own server does.
import type { IncomingMessage, ServerResponse } from "node:http";

/** A web Request for `request`, aborted when the client goes away before the answer is written. */
export function webRequest(request: IncomingMessage, response: ServerResponse, fallbackHost: string): Request {
  // request.headers, not rawHeaders: the custom server has set its own (request id, client address) there.
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (typeof value === "string") headers.set(name, value);
    else for (const item of value ?? []) headers.append(name, item);
  }
  const aborted = new AbortController();
  response.once("close", () => {
    if (!response.writableFinished) aborted.abort();
  });
  const method = request.method ?? "GET";
  const withBody = method !== "GET" && method !== "HEAD";
  return new Request(`http://${request.headers.host ?? fallbackHost}${request.url ?? "/"}`, {
    method,
    headers,
    signal: aborted.signal,
    ...(withBody ? { body: bodyStream(request, response), duplex: "half" } : {}),
  } as RequestInit);
}

/**
 * The request body as a web stream, read as the handler pulls. A handler that stops reading (a
 * body over its limit answered 413) leaves the rest to be read and dropped, not the socket
 * destroyed: the client, still sending, then gets the answer instead of a connection reset.
 * Likewise a body the handler never read.
 */
function bodyStream(request: IncomingMessage, response: ServerResponse): ReadableStream<Uint8Array> {
  let cancelled = false;
  // Answered without reading it all (a 405, a 413): the rest is dropped, so a kept-alive connection goes on.
  response.once("finish", () => {
    cancelled = true;
    request.resume();
  });
  return new ReadableStream<Uint8Array>({
    start(controller) {
      request.pause();
      request.on("data", (chunk: Buffer) => {
        if (cancelled) return;
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if ((controller.desiredSize ?? 0) <= 0) request.pause();
      });
      request.once("end", () => cancelled || controller.close());
      request.once("error", (error) => cancelled || controller.error(error));
    },
    pull() {
      request.resume();
    },
    cancel() {
      cancelled = true;
      request.resume();
    },
  });
}

/** Writes `answer` to `response`, streaming its body; HEAD gets the headers only. */
export async function writeWebResponse(answer: Response, response: ServerResponse, method: string | undefined): Promise<void> {
  const cookies = answer.headers.getSetCookie();
  answer.headers.forEach((value, name) => {
    if (name !== "set-cookie") response.setHeader(name, value);
  });
  if (cookies.length > 0) response.setHeader("set-cookie", cookies);
  response.statusCode = answer.status;
  if (!answer.body || method === "HEAD") {
    void answer.body?.cancel();
    response.end();
    return;
  }
  const reader = answer.body.getReader();
  const stop = () => void reader.cancel().catch(() => undefined);
  response.once("close", stop);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!response.write(value)) await new Promise<void>((resolve) => response.once("drain", resolve).once("close", resolve));
      if (response.destroyed) break;
    }
  } finally {
    response.off("close", stop);
    response.end();
  }
}
