// An incremental HTTP/1.x response parser for probe requests (one request per connection,
// "Connection: close"): status line, headers, then the body framed by chunked encoding,
// Content-Length or the end of the connection. Pure: bytes in, head and body pieces out. Vigil
// parses responses itself because node:http's client machinery costs more per probe than the
// rest of a check together; this is the whole of what a probe needs.

export type ResponseHead = {
  statusCode: number;
  /** Lower-case names; repeated headers joined with ", " (set-cookie is of no interest here). */
  headers: Record<string, string>;
};

export type ParsedPiece = { head: ResponseHead | null; body: Buffer[]; done: boolean };

/** A response that is not HTTP; its code maps to the http_status reason like llhttp's HPE_ codes. */
export class HttpParseError extends Error {
  readonly code = "HPE_INVALID_RESPONSE";
}

type State =
  | { kind: "head" }
  | { kind: "length"; remaining: number }
  | { kind: "chunk-size" }
  | { kind: "chunk-data"; remaining: number }
  | { kind: "chunk-end" }
  | { kind: "trailers" }
  | { kind: "until-close" }
  | { kind: "done" };

const MAX_LINE_BYTES = 8 * 1024;
const HEAD_END = /\r?\n\r?\n/;

function headEnd(text: string): { at: number; length: number } | null {
  const match = HEAD_END.exec(text);
  return match ? { at: match.index, length: match[0].length } : null;
}

export class HttpResponseParser {
  private state: State = { kind: "head" };
  /** Bytes of an incomplete head or line, kept until the rest arrives. */
  private pending: Buffer = Buffer.alloc(0);

  constructor(private readonly options: { method: "GET" | "HEAD"; maxHeadBytes: number }) {}

  get done(): boolean {
    return this.state.kind === "done";
  }

  push(chunk: Buffer): ParsedPiece {
    const piece: ParsedPiece = { head: null, body: [], done: false };
    let data = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = Buffer.alloc(0);
    while (data.length > 0 && this.state.kind !== "done") {
      data = this.step(data, piece);
    }
    piece.done = this.done;
    return piece;
  }

  /** The connection has closed: completes a body read to the end, or says the response was cut short. */
  end(): ParsedPiece {
    if (this.state.kind === "until-close") this.state = { kind: "done" };
    if (this.state.kind !== "done") {
      throw Object.assign(new Error("the connection closed before the response was complete"), { code: "ECONNRESET" });
    }
    return { head: null, body: [], done: true };
  }

  /** Consumes what it can of `data` and returns the rest. */
  private step(data: Buffer, piece: ParsedPiece): Buffer {
    const state = this.state;
    switch (state.kind) {
      case "head":
        return this.readHead(data, piece);
      case "length":
      case "chunk-data": {
        const take = Math.min(state.remaining, data.length);
        piece.body.push(data.subarray(0, take));
        state.remaining -= take;
        if (state.remaining === 0) this.state = state.kind === "length" ? { kind: "done" } : { kind: "chunk-end" };
        return data.subarray(take);
      }
      case "until-close":
        piece.body.push(data);
        return data.subarray(data.length);
      case "chunk-size":
      case "chunk-end":
      case "trailers":
        return this.readLine(data, (line) => this.chunkLine(state.kind as "chunk-size" | "chunk-end" | "trailers", line));
      case "done":
        return data.subarray(data.length);
    }
  }

  private readHead(data: Buffer, piece: ParsedPiece): Buffer {
    const text = data.toString("latin1");
    const end = headEnd(text);
    if (!end) {
      if (data.length > this.options.maxHeadBytes) throw new HttpParseError(`response headers exceed ${this.options.maxHeadBytes} bytes`);
      this.pending = data;
      return data.subarray(data.length);
    }
    if (end.at > this.options.maxHeadBytes) throw new HttpParseError(`response headers exceed ${this.options.maxHeadBytes} bytes`);
    const head = parseHead(text.slice(0, end.at));
    const rest = data.subarray(end.at + end.length);
    // Interim responses (100 Continue, 103 Early Hints) precede the real one.
    if (head.statusCode >= 100 && head.statusCode < 200 && head.statusCode !== 101) return rest;
    piece.head = head;
    this.state = this.bodyState(head);
    return rest;
  }

  private bodyState({ statusCode, headers }: ResponseHead): State {
    if (this.options.method === "HEAD" || statusCode === 204 || statusCode === 304 || statusCode === 101) return { kind: "done" };
    const transferEncoding = headers["transfer-encoding"]?.toLowerCase();
    if (transferEncoding !== undefined) {
      if (transferEncoding.split(",").at(-1)?.trim() === "chunked") return { kind: "chunk-size" };
      return { kind: "until-close" };
    }
    const contentLength = headers["content-length"];
    if (contentLength === undefined) return { kind: "until-close" };
    const lengths = new Set(contentLength.split(",").map((value) => value.trim()));
    const [length] = lengths;
    if (lengths.size !== 1 || length === undefined || !/^\d{1,15}$/.test(length)) {
      throw new HttpParseError(`invalid Content-Length: ${contentLength}`);
    }
    return Number(length) === 0 ? { kind: "done" } : { kind: "length", remaining: Number(length) };
  }

  /** Calls `onLine` with the next complete line (without its line ending), or keeps the bytes. */
  private readLine(data: Buffer, onLine: (line: string) => void): Buffer {
    const newline = data.indexOf(0x0a);
    if (newline === -1) {
      if (data.length > MAX_LINE_BYTES) throw new HttpParseError("a chunk line is too long");
      this.pending = data;
      return data.subarray(data.length);
    }
    onLine(data.subarray(0, newline).toString("latin1").replace(/\r$/, ""));
    return data.subarray(newline + 1);
  }

  private chunkLine(kind: "chunk-size" | "chunk-end" | "trailers", line: string): void {
    if (kind === "chunk-end") {
      if (line !== "") throw new HttpParseError("a chunk is longer than its declared size");
      this.state = { kind: "chunk-size" };
    } else if (kind === "trailers") {
      if (line === "") this.state = { kind: "done" };
    } else {
      const size = /^([0-9a-fA-F]{1,12})[ \t]*(;.*)?$/.exec(line)?.[1];
      if (size === undefined) throw new HttpParseError(`invalid chunk size line: ${JSON.stringify(line.slice(0, 40))}`);
      const remaining = Number.parseInt(size, 16);
      this.state = remaining === 0 ? { kind: "trailers" } : { kind: "chunk-data", remaining };
    }
  }
}

function parseHead(text: string): ResponseHead {
  const lines = text.split(/\r?\n/);
  const status = /^HTTP\/1\.[01] (\d{3})(?: .*)?$/.exec(lines[0] ?? "");
  if (!status?.[1]) throw new HttpParseError(`not an HTTP/1.x status line: ${JSON.stringify((lines[0] ?? "").slice(0, 60))}`);
  const headers: Record<string, string> = {};
  let previous: string | undefined;
  for (const line of lines.slice(1)) {
    if ((line.startsWith(" ") || line.startsWith("\t")) && previous !== undefined) {
      headers[previous] += ` ${line.trim()}`; // obsolete line folding
      continue;
    }
    const colon = line.indexOf(":");
    if (colon <= 0) throw new HttpParseError(`invalid header line: ${JSON.stringify(line.slice(0, 60))}`);
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
    previous = name;
  }
  return { statusCode: Number(status[1]), headers };
}
