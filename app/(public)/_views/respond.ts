// HTML responses of the public pages (ETag, Cache-Control, CORS as every public response).
import { publicResponse } from "@/lib/http/public-response";

export function htmlResponse(request: Request, body: string, options: { status?: number; stale?: boolean; generatedAt?: string } = {}): Response {
  return publicResponse(request, body, { ...options, contentType: "text/html; charset=utf-8" });
}
