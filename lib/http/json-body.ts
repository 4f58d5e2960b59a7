// The one JSON body reader of every route: a body larger than the limit is refused before it is
// buffered (413), anything but a JSON object is a 400, and so is a string anywhere in it holding
// NUL or another control character (with the field's path). Fields are then the verb's schema's job.
import "server-only";
import { InvalidJsonError, PayloadTooLargeError, UnsafeTextError } from "../errors";
import { unsafeTextErrors } from "../text/safe-text";

/** Big enough for the longest postmortem (100,000 characters of any script), small enough to hold. */
export const JSON_BODY_LIMIT_BYTES = 1024 * 1024;

export async function readJsonBody(request: Request, limitBytes = JSON_BODY_LIMIT_BYTES): Promise<Record<string, unknown>> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > limitBytes) throw new PayloadTooLargeError(limitBytes);
  let body: unknown;
  try {
    body = JSON.parse(await readText(request, limitBytes));
  } catch (error) {
    if (error instanceof PayloadTooLargeError) throw error;
    throw new InvalidJsonError();
  }
  if (!isJsonObject(body)) throw new InvalidJsonError();
  const unsafe = unsafeTextErrors(body);
  if (unsafe) throw new UnsafeTextError(unsafe);
  return body;
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The body as text, stopping as soon as it passes the limit (a missing Content-Length proves nothing). */
async function readText(request: Request, limitBytes: number): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const decoder = new TextDecoder();
  let size = 0;
  let text = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    size += value.byteLength;
    if (size > limitBytes) {
      await reader.cancel();
      throw new PayloadTooLargeError(limitBytes);
    }
    text += decoder.decode(value, { stream: true });
  }
}
