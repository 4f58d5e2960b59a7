// One HTTP/1.1 exchange on an already open (and already judged) socket, reading at most
// `maxBodyBytes` of the decoded body. Reading stops at the cap and the socket is closed, so a 50 MB,
// endless or decompression-bomb body costs at most the cap plus one chunk of memory.
import "server-only";
import type { Socket } from "node:net";
import zlib from "node:zlib";
import { HttpResponseParser, type ResponseHead } from "./http-response-parser";

const USER_AGENT = "Vigil-Probe/1.0 (+status monitoring)";
const MAX_HEAD_BYTES = 32 * 1024;

export type HttpRequest = {
  method: "GET" | "HEAD";
  url: URL;
  maxBodyBytes: number;
  headers?: Record<string, string>;
};

export type HttpResponse = ResponseHead & {
  /** At most maxBodyBytes of the decoded body. */
  body: Buffer;
  /** The body went on beyond maxBodyBytes; `body` is its beginning. */
  bodyTruncated: boolean;
  /** Decoded bytes taken in: maxBodyBytes plus at most one chunk. */
  bodyBytesRead: number;
  /** Bytes received on the socket for this exchange, headers included. */
  socketBytesRead: number;
  /** From request sent to the first byte of the response, and to the end of reading. */
  ttfbMs: number;
  totalMs: number;
};

type Decoder = zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress;

// Only what Vigil asks for in Accept-Encoding; anything else is read as it comes.
function decoderFor(encoding: string | undefined): Decoder | null {
  switch (encoding?.trim().toLowerCase()) {
    case "gzip":
    case "x-gzip":
      return zlib.createGunzip();
    case "deflate":
      return zlib.createInflate();
    case "br":
      return zlib.createBrotliDecompress();
    default:
      return null;
  }
}

function requestHead(request: HttpRequest): string {
  const headers: Record<string, string> = {
    host: request.url.host,
    "user-agent": USER_AGENT,
    accept: "*/*",
    ...(request.method === "GET" ? { "accept-encoding": "gzip, deflate, br" } : {}),
    connection: "close",
    ...request.headers,
  };
  const lines = Object.entries(headers).map(([name, value]) => {
    if (/[\r\n]/.test(value)) throw new Error(`header ${name} contains a line break`);
    return `${name}: ${value}\r\n`;
  });
  // WHATWG URLs are already percent-encoded: no spaces or line breaks in the path.
  return `${request.method} ${request.url.pathname}${request.url.search} HTTP/1.1\r\n${lines.join("")}\r\n`;
}

/** Sends the request, reads the head and the capped body, and always destroys the socket afterwards. */
export function sendRequest(socket: Socket, request: HttpRequest): Promise<HttpResponse> {
  const start = performance.now();
  const bytesBefore = socket.bytesRead;
  const parser = new HttpResponseParser({ method: request.method, maxHeadBytes: MAX_HEAD_BYTES });

  return new Promise<HttpResponse>((resolve, reject) => {
    let head: ResponseHead | null = null;
    let ttfbMs: number | null = null;
    let decoder: Decoder | null = null;
    const chunks: Buffer[] = [];
    let kept = 0;
    let bytesRead = 0;
    let settled = false;

    const finish = (truncated: boolean) => {
      if (settled || !head) return;
      settled = true;
      decoder?.destroy();
      resolve({
        ...head,
        body: Buffer.concat(chunks, kept),
        bodyTruncated: truncated,
        bodyBytesRead: bytesRead,
        socketBytesRead: socket.bytesRead - bytesBefore,
        ttfbMs: ttfbMs ?? 0,
        totalMs: Math.round(performance.now() - start),
      });
    };
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      decoder?.destroy();
      reject(error);
    };
    /** Keeps decoded bytes up to the cap; at the cap the response is finished, truncated. */
    const collect = (chunk: Buffer) => {
      if (settled) return;
      bytesRead += chunk.length;
      const room = request.maxBodyBytes - kept;
      chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
      kept += Math.min(room, chunk.length);
      if (chunk.length > room) finish(true);
    };
    const bodyDone = () => (decoder ? decoder.end() : finish(false));
    const deliver = (piece: Buffer) => {
      if (!decoder) return collect(piece);
      // Backpressure: a bomb inflates faster than it arrives, so reading waits for the decoder.
      if (!decoder.write(piece)) {
        socket.pause();
        decoder.once("drain", () => socket.resume());
      }
    };

    socket.on("data", (data: Buffer) => {
      ttfbMs ??= Math.round(performance.now() - start);
      try {
        const piece = parser.push(data);
        if (piece.head) {
          head = piece.head;
          decoder = decoderFor(head.headers["content-encoding"]);
          decoder?.on("data", collect).once("end", () => finish(false)).once("error", fail);
        }
        for (const part of piece.body) deliver(part);
        if (piece.done) bodyDone();
      } catch (error) {
        fail(error);
      }
    });
    socket.once("end", () => {
      try {
        if (!parser.done) {
          parser.end();
          bodyDone();
        }
      } catch (error) {
        fail(error);
      }
    });
    socket.once("error", fail);
    // After a complete response the server closing is expected (a decoder may still be draining).
    socket.once("close", () => {
      if (!parser.done) fail(Object.assign(new Error("the connection closed before the response was complete"), { code: "ECONNRESET" }));
    });
    socket.write(requestHead(request));
  }).finally(() => socket.destroy());
}
