// The body readers of every route handler — JSON for the APIs, forms for the public pages' plain
// HTML forms: a body larger than the limit is refused before it is buffered (413), anything but a
// JSON object is a 400, and so is a string anywhere in it holding NUL or another control character
// (with the field's name). Fields are then the verb's schema's job.
import "server-only";
import { InvalidJsonError, PayloadTooLargeError, UnsafeTextError } from "../errors";
import { unsafeTextErrors } from "../text/safe-text";

/** Big enough for the longest postmortem (100,000 characters of any script), small enough to hold. */
export const JSON_BODY_LIMIT_BYTES = 1024 * 1024;
/** The public forms hold an email address, a token and a list of component ids. */
export const FORM_BODY_LIMIT_BYTES = 64 * 1024;

export async function readJsonBody(request: Request, limitBytes = JSON_BODY_LIMIT_BYTES): Promise<Record<string, unknown>> {
  refuseDeclaredOverLimit(request, limitBytes);
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder().decode(await readBytes(request, limitBytes)));
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

/**
 * A url-encoded or multipart form, read within the limit (413 past it). A body that is not a form
 * reads as an empty one (the fields' schemas then say what is missing).
 */
export async function readFormBody(request: Request, limitBytes = FORM_BODY_LIMIT_BYTES): Promise<FormData> {
  refuseDeclaredOverLimit(request, limitBytes);
  const bytes = await readBytes(request, limitBytes);
  const contentType = request.headers.get("content-type") ?? "";
  const form = await new Response(bytes, { headers: { "content-type": contentType } }).formData().catch(() => new FormData());
  const unsafe = unsafeTextErrors(Object.fromEntries([...form.entries()].filter(([, value]) => typeof value === "string")));
  if (unsafe) throw new UnsafeTextError(unsafe);
  return form;
}

function refuseDeclaredOverLimit(request: Request, limitBytes: number): void {
  if (Number(request.headers.get("content-length") ?? 0) > limitBytes) throw new PayloadTooLargeError(limitBytes);
}

/** The body, stopping as soon as it passes the limit (a missing Content-Length proves nothing). */
async function readBytes(request: Request, limitBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return joined(chunks, size);
    size += value.byteLength;
    if (size > limitBytes) {
      await reader.cancel();
      throw new PayloadTooLargeError(limitBytes);
    }
    chunks.push(value);
  }
}

function joined(chunks: readonly Uint8Array[], size: number): Uint8Array<ArrayBuffer> {
  const all = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return all;
}
