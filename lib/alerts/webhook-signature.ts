// The webhook kind's signature: `X-Vigil-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`
// with the channel's secret. The receiver recomputes it over the raw body and refuses a timestamp
// outside its replay window (docs/alerts.md#verifying-the-signature; five minutes suggested).
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "x-vigil-signature";
export const DEFAULT_REPLAY_WINDOW_SECONDS = 300;

export function signWebhook(body: string, secret: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${createHmac("sha256", secret).update(`${t}.${body}`).digest("hex")}`;
}

/** What a receiver does; Vigil's own tests use it, and docs/alerts.md shows the same in ten lines. */
export function verifyWebhook(body: string, header: string | undefined, secret: string, now: Date, windowSeconds = DEFAULT_REPLAY_WINDOW_SECONDS): boolean {
  const parts = Object.fromEntries((header ?? "").split(",").map((part) => part.split("=", 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || !parts.v1 || Math.abs(now.getTime() / 1000 - t) > windowSeconds) return false;
  const expected = createHmac("sha256", secret).update(`${t}.${body}`).digest();
  const given = Buffer.from(parts.v1, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}
