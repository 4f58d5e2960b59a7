// The two kinds of subscriber token.
// - Confirmation token: 128 random bits, sent once by email; only its sha-256 is stored (a
//   high-entropy secret needs no slow hash), so the database never holds a usable link.
// - Manage token: identifies a subscriber in every email's manage/unsubscribe link without a
//   database lookup per link: "<subscriberId>.<tokenVersion>.<HMAC>", signed with the link secret.
//   Bumping the subscriber's tokenVersion voids every link issued so far.
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const CONFIRM_TOKEN_TTL_MS = 24 * 3600 * 1000;

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function newConfirmToken(): { token: string; hash: string } {
  const token = randomBytes(16).toString("base64url");
  return { token, hash: hashToken(token) };
}

/** Shape of a confirmation token (22 base64url characters); anything else is rejected before a query. */
export const CONFIRM_TOKEN_PATTERN = /^[A-Za-z0-9_-]{22}$/;

function mac(secret: Buffer, subscriberId: string, version: number): string {
  return createHmac("sha256", secret).update(`manage:${subscriberId}:${version}`).digest("base64url");
}

export function signManageToken(secret: Buffer, subscriber: { id: string; tokenVersion: number }): string {
  return `${subscriber.id}.${subscriber.tokenVersion}.${mac(secret, subscriber.id, subscriber.tokenVersion)}`;
}

/** The subscriber and version a manage token names, or null when it is malformed or its signature is wrong. */
export function verifyManageToken(secret: Buffer, token: string): { subscriberId: string; tokenVersion: number } | null {
  const match = /^([A-Za-z0-9_-]{1,64})\.(\d{1,9})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const [, subscriberId, versionText, signature] = match as unknown as [string, string, string, string];
  const version = Number(versionText);
  const expected = Buffer.from(mac(secret, subscriberId, version));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  return { subscriberId, tokenVersion: version };
}
