// Channel secrets at rest: AES-256-GCM with a random 96-bit IV per sealing, so equal secrets never
// look equal and any tampering fails the tag. The key is ALERT_SECRET_KEY, or — so `npm start`
// needs no setup — one generated once into DATA_DIR/alert-secret.key (0600). A key that cannot open
// a stored secret is an error naming the channel, never a silent empty secret.
import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { decodeAlertKey, env } from "../env";
import { StartupError } from "../errors";
import { ensureWritableDir } from "../runtime/writable-dir";

const PREFIX = "v1";

export class SealedSecretError extends Error {}

let loaded: Promise<Buffer> | undefined;

/** The installation's key, read once per process. */
export function alertSecretKey(): Promise<Buffer> {
  loaded ??= loadKey().catch((error: unknown) => {
    loaded = undefined;
    throw error;
  });
  return loaded;
}

async function loadKey(): Promise<Buffer> {
  const config = env();
  if (config.ALERT_SECRET_KEY) return decodeAlertKey(config.ALERT_SECRET_KEY)!;
  const file = path.resolve(config.DATA_DIR, "alert-secret.key");
  const existing = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return null;
    throw error;
  });
  if (existing !== null) {
    const key = decodeAlertKey(existing);
    if (!key) throw new StartupError(`${file} does not hold a 32-byte key (hex or base64); restore it or set ALERT_SECRET_KEY`);
    return key;
  }
  // A worker or web process run on its own (an external DATABASE_URL) may be the first to use DATA_DIR.
  await ensureWritableDir(path.dirname(file), "DATA_DIR (or set ALERT_SECRET_KEY)");
  const key = randomBytes(32);
  try {
    // "wx": two processes starting at once must not each write a different key.
    await writeFile(file, `${key.toString("base64")}\n`, { mode: 0o600, flag: "wx" });
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return loadKey();
    throw new StartupError(`cannot create ${file} for the alert secret key (${(error as Error).message}); set ALERT_SECRET_KEY instead`);
  }
}

export function sealSecrets(secrets: Record<string, string>, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(secrets), "utf8"), cipher.final()]);
  return [PREFIX, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
}

export function openSecrets(sealed: string, key: Buffer): Record<string, string> {
  const [prefix, iv, tag, body] = sealed.split(".");
  if (prefix !== PREFIX || iv === undefined || tag === undefined || body === undefined) throw new SealedSecretError("not a sealed secret");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    const text = Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
    return JSON.parse(text) as Record<string, string>;
  } catch {
    throw new SealedSecretError("sealed with another key (ALERT_SECRET_KEY or DATA_DIR/alert-secret.key differs from the one that stored it)");
  }
}

/** Enough of a secret to recognise it, never enough to use it: "https://hooks.slack.com/…7Qz", "…a91f". */
export function secretHint(value: string): string {
  const tail = value.slice(-4);
  try {
    const url = new URL(value);
    return `${url.protocol}//${url.host}/…${tail}`;
  } catch {
    return `…${value.length > 12 ? tail : ""}`;
  }
}
