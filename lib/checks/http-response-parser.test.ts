import { describe, expect, it } from "vitest";
import { HttpResponseParser } from "./http-response-parser";

/** Feeds the response split at `splitAt` (every split point in the tests) and collects the result. */
function parse(raw: string, options: { method?: "GET" | "HEAD"; splitAt?: number; close?: boolean } = {}) {
  const parser = new HttpResponseParser({ method: options.method ?? "GET", maxHeadBytes: 1024 });
  const bytes = Buffer.from(raw, "latin1");
  const parts = options.splitAt === undefined ? [bytes] : [bytes.subarray(0, options.splitAt), bytes.subarray(options.splitAt)];
  let head = null;
  const body: Buffer[] = [];
  let done = false;
  for (const part of parts) {
    const piece = parser.push(part);
    head ??= piece.head;
    body.push(...piece.body);
    done = piece.done;
  }
  if (options.close && !done) done = parser.end().done;
  return { head, body: Buffer.concat(body).toString("latin1"), done };
}

const CASES = [
  {
    name: "Content-Length",
    raw: "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello",
    status: 200,
    body: "hello",
  },
  {
    name: "chunked, with an extension and trailers",
    raw: "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n7\r\n, world\r\n0\r\nX-Trailer: 1\r\n\r\n",
    status: 200,
    body: "hello, world",
  },
  { name: "no body on 204", raw: "HTTP/1.1 204 No Content\r\nContent-Length: 10\r\n\r\n", status: 204, body: "" },
  { name: "interim 100 and 103 skipped", raw: "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok", status: 201, body: "ok" },
  { name: "bare LF line endings", raw: "HTTP/1.0 200 OK\nContent-Length: 2\n\nok", status: 200, body: "ok" },
  { name: "status line without a reason", raw: "HTTP/1.1 404\r\nContent-Length: 0\r\n\r\n", status: 404, body: "" },
];

describe("HttpResponseParser", () => {
  for (const testCase of CASES) {
    it(`${testCase.name}, at every split point`, () => {
      for (let splitAt = 0; splitAt <= testCase.raw.length; splitAt++) {
        const { head, body, done } = parse(testCase.raw, { splitAt });
        expect(head?.statusCode, `split at ${splitAt}`).toBe(testCase.status);
        expect(body, `split at ${splitAt}`).toBe(testCase.body);
        expect(done, `split at ${splitAt}`).toBe(true);
      }
    });
  }

  it("reads to the end of the connection without framing", () => {
    const raw = "HTTP/1.1 200 OK\r\n\r\nuntil the end";
    expect(parse(raw).done).toBe(false);
    expect(parse(raw, { close: true })).toMatchObject({ body: "until the end", done: true });
  });

  it("reads no body for HEAD", () => {
    expect(parse("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n", { method: "HEAD" })).toMatchObject({ body: "", done: true });
  });

  it("lower-cases header names and joins repeats", () => {
    const { head } = parse("HTTP/1.1 200 OK\r\nX-A: 1\r\nx-a: 2\r\nLocation: /next\r\nContent-Length: 0\r\n\r\n");
    expect(head?.headers).toEqual({ "x-a": "1, 2", location: "/next", "content-length": "0" });
  });

  it("stops at the end of the declared body", () => {
    expect(parse("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokEXTRA")).toMatchObject({ body: "ok", done: true });
  });

  it.each([
    ["not HTTP", "SSH-2.0-OpenSSH_9.6\r\n\r\n", /status line/],
    ["a bad header line", "HTTP/1.1 200 OK\r\nno colon here\r\n\r\n", /header line/],
    ["conflicting lengths", "HTTP/1.1 200 OK\r\nContent-Length: 1, 2\r\n\r\n", /Content-Length/],
    ["a bad chunk size", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", /chunk size/],
    ["a chunk longer than declared", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n", /longer/],
    ["huge headers", `HTTP/1.1 200 OK\r\nX: ${"a".repeat(2000)}\r\n\r\n`, /exceed/],
  ])("rejects %s", (_name, raw, message) => {
    expect(() => parse(raw)).toThrow(message);
  });

  it("says when the connection closes before the body is complete", () => {
    expect(() => parse("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort", { close: true })).toThrow(/closed before/);
  });
});
