// The pooled nodemailer transport every mailer sends through: SMTP_URL (or the demo sink's URL),
// a few kept-open connections, and DKIM signing when configured. nodemailer's default DKIM header
// list covers List-Unsubscribe and List-Unsubscribe-Post, which RFC 8058 requires to be signed.
import "server-only";
import { readFileSync } from "node:fs";
import nodemailer, { type Transporter } from "nodemailer";
import type { Env } from "../env";

export type DkimSettings = { domainName: string; keySelector: string; privateKey: string };

/** DKIM_* from the environment; a value that is not PEM text is read as a file path. */
export function dkimSettings(config: Pick<Env, "DKIM_DOMAIN" | "DKIM_SELECTOR" | "DKIM_PRIVATE_KEY">): DkimSettings | undefined {
  if (!config.DKIM_DOMAIN || !config.DKIM_SELECTOR || !config.DKIM_PRIVATE_KEY) return undefined;
  const key = config.DKIM_PRIVATE_KEY.includes("-----BEGIN") ? config.DKIM_PRIVATE_KEY.replace(/\\n/g, "\n") : readFileSync(config.DKIM_PRIVATE_KEY, "utf8");
  return { domainName: config.DKIM_DOMAIN, keySelector: config.DKIM_SELECTOR, privateKey: key };
}

export function createMailTransport(options: { url: string; maxConnections: number; dkim?: DkimSettings }): Transporter {
  return nodemailer.createTransport({
    url: options.url,
    pool: true,
    maxConnections: options.maxConnections,
    // Reconnecting every 100 messages (the default) costs throughput during a large fan-out.
    maxMessages: 10_000,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    ...(options.dkim ? { dkim: options.dkim } : {}),
  } as Parameters<typeof nodemailer.createTransport>[0]);
}
