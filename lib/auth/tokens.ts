// Secrets handed out once (session cookies, setup links, API keys): random, and stored only as a
// SHA-256 hash, so a copy of the database signs no one in. 256 bits need no slow hash.
import "server-only";
import { createHash, randomBytes } from "node:crypto";

export function newToken(prefix = ""): string {
  return prefix + randomBytes(32).toString("base64url");
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
