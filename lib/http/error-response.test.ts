// The one error module: every code has an HTTP status, every JSON error has one shape, and the
// body reader refuses what is not a JSON object (400) or too big (413) before any schema runs.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { HTTP_STATUS_BY_ERROR_CODE, VigilError, type ErrorCode } from "../errors";
import { errorResponse, formError } from "./error-response";
import { readJsonBody } from "./request-body";

const post = (body: BodyInit, headers: Record<string, string> = {}) => new Request("http://127.0.0.1/x", { method: "POST", body, headers });

async function answer(request: Request, limit?: number): Promise<Response> {
  try {
    return Response.json(await readJsonBody(request, limit));
  } catch (error) {
    return errorResponse(error);
  }
}

describe("error → HTTP", () => {
  it("maps every code to its own status and the one shape", async () => {
    const codes = Object.keys(HTTP_STATUS_BY_ERROR_CODE) as ErrorCode[];
    expect(codes.length).toBeGreaterThan(10);
    for (const code of codes) {
      const response = errorResponse(new VigilError(code, `about ${code}`));
      expect(response.status, code).toBe(HTTP_STATUS_BY_ERROR_CODE[code]);
      expect(response.status, code).toBeGreaterThanOrEqual(400);
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(await response.json()).toEqual({ error: { code, message: `about ${code}` } });
    }
  });

  it("turns zod errors into 422 with messages per field, and the same into a form result", async () => {
    const failure = z.object({ name: z.string().min(1, "a name is required"), tags: z.array(z.string()) }).safeParse({ name: "", tags: [1] });
    if (failure.success) throw new Error("unreachable");
    const response = errorResponse(failure.error);
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({
      error: { code: "invalid_input", message: "a name is required", fieldErrors: { name: ["a name is required"], "tags.0": [expect.any(String)] } },
    });
    expect(formError(failure.error)).toEqual({ ok: false, error: "Please correct the highlighted fields.", fieldErrors: { name: ["a name is required"], "tags.0": [expect.any(String)] } });
  });

  it("never shows an unexpected error's message", async () => {
    const response = errorResponse(new Error("password=hunter2 at db.internal"));
    expect(response.status).toBe(500);
    expect(JSON.stringify(await response.json())).not.toContain("hunter2");
    expect(formError(new Error("password=hunter2")).error).not.toContain("hunter2");
  });
});

describe("readJsonBody", () => {
  it("reads a JSON object", async () => {
    expect(await readJsonBody(post('{"name":"x"}'))).toEqual({ name: "x" });
  });

  it("refuses anything but a JSON object with 400 invalid_json", async () => {
    for (const body of ["{nope", "[1,2]", '"text"', "42", "null", ""]) {
      const response = await answer(post(body));
      expect(response.status, body).toBe(400);
      expect((await response.json()).error.code).toBe("invalid_json");
    }
  });

  it("refuses a body over the limit with 413, whether or not it declares its length", async () => {
    const big = JSON.stringify({ body: "x".repeat(2_000) });
    const declared = await answer(post(big, { "content-length": String(big.length) }), 1_000);
    expect(declared.status).toBe(413);
    expect((await declared.json()).error.code).toBe("payload_too_large");
    const streamed = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 4; i++) controller.enqueue(new TextEncoder().encode(big.slice(i * 500, (i + 1) * 500)));
        controller.close();
      },
    });
    const undeclared = await answer(new Request("http://127.0.0.1/x", { method: "POST", body: streamed, duplex: "half" } as RequestInit), 1_000);
    expect(undeclared.status).toBe(413);
    expect((await answer(post(big), 4_000)).status).toBe(200);
  });
});
