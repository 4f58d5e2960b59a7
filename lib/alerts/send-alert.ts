// One delivery attempt over HTTP: through the SSRF guard (the probe engine's lookup, judged at
// connect time; IP literals judged first, as net.connect skips lookup for them), no redirects
// followed, one deadline for connect + request + response, a bounded read of the answer. The
// outcome says what the retry policy needs: delivered, retry (429, 5xx, 408, network, timeout —
// with the receiver's Retry-After), or refused for good (any other status, a blocked address).
// Errors name the channel and the status, never the URL (its path is often the secret).
import "server-only";
import net from "node:net";
import { Agent, buildConnector, request } from "undici";
import { blockedAddressReason, guardedLookup, urlBlockReason, type CompiledPolicy } from "../checks/ssrf-guard";
import { bareHost } from "../checks/targets";
import { ALERT_BLOCKED_HINT, portOf } from "./destination";
import type { AlertRequest } from "./vendor-payloads";

export type SendOutcome =
  | { outcome: "sent"; status: number }
  | { outcome: "retry"; reason: string; retryAfterMs: number | null }
  | { outcome: "refused"; reason: string };

const ANSWER_BYTES = 2048;

/** One connection pool per policy and timeout: sockets to a receiver are reused between alerts. */
export function alertAgent(policy: CompiledPolicy, timeoutMs: number): Agent {
  // The guard judges an address together with its port (Vigil's own ports are refused), and a
  // lookup does not see the port: each connection gets a connector whose lookup knows it.
  const connect: buildConnector.connector = (options, callback) => {
    const port = Number(options.port) || (options.protocol === "https:" ? 443 : 80);
    buildConnector({ lookup: guardedLookup(policy, port), timeout: timeoutMs })(options, callback);
  };
  return new Agent({
    connect,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    connections: 32,
    keepAliveTimeout: 10_000,
  });
}

/**
 * How a refusal names the destination, for whoever reads it: an operator's channel ("the channel
 * URL", with the hint to allowlist it) or a subscriber's webhook (no hint: a visitor sets no allowlist).
 */
export type RefusalWording = { target: string; hint: string | null };
const CHANNEL_WORDING: RefusalWording = { target: "the channel URL", hint: ALERT_BLOCKED_HINT };

export async function sendAlertRequest(
  alert: AlertRequest,
  options: { agent: Agent; policy: CompiledPolicy; timeoutMs: number; now: Date; wording?: RefusalWording },
): Promise<SendOutcome> {
  const wording = options.wording ?? CHANNEL_WORDING;
  const withHint = (reason: string) => (wording.hint ? `${reason}; ${wording.hint}` : reason);
  let url: URL;
  try {
    url = new URL(alert.url);
  } catch {
    return { outcome: "refused", reason: `${wording.target} is not a valid URL` };
  }
  const blocked = urlBlockReason(url);
  if (blocked) return { outcome: "refused", reason: blocked.replace("are probed", "receive alerts").replace("are not probed", "are refused") };
  const host = bareHost(url.hostname);
  const literal = net.isIP(host) ? blockedAddressReason(host, host, options.policy, portOf(url)) : null;
  if (literal) return { outcome: "refused", reason: withHint(`${wording.target} points at ${literal}`) };

  try {
    const response = await request(url, {
      method: "POST",
      headers: alert.headers,
      body: alert.body,
      dispatcher: options.agent,
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    const status = response.statusCode;
    if (status >= 200 && status < 300) {
      // Accepted: what it said does not matter, so it is discarded unread (and the socket kept).
      await response.body.dump({ limit: ANSWER_BYTES });
      return { outcome: "sent", status };
    }
    const answer = await readAnswer(response.body);
    const said = answer ? `: ${answer}` : "";
    if (status === 429 || status === 408 || status >= 500) {
      return { outcome: "retry", reason: `HTTP ${status}${said}`, retryAfterMs: retryAfterMs(response.headers["retry-after"], options.now) };
    }
    return { outcome: "refused", reason: `the receiver refused it: HTTP ${status}${said}` };
  } catch (error) {
    return failure(error, options.timeoutMs, withHint);
  }
}

function failure(error: unknown, timeoutMs: number, withHint: (reason: string) => string): SendOutcome {
  // The error and its causes (undici wraps the socket's error), at most five deep.
  type Link = { code?: unknown; name?: unknown; message?: unknown; cause?: unknown };
  const chain: Link[] = [];
  for (let e: unknown = error; e !== null && typeof e === "object" && chain.length < 5; e = (e as Link).cause) chain.push(e as Link);
  const blocked = chain.find((e) => e.code === "VIGIL_BLOCKED_ADDRESS");
  if (blocked) return { outcome: "refused", reason: withHint(String(blocked.message)) };
  const timedOut = chain.some((e) => e.name === "TimeoutError" || e.code === "UND_ERR_HEADERS_TIMEOUT" || e.code === "UND_ERR_BODY_TIMEOUT" || e.code === "UND_ERR_CONNECT_TIMEOUT");
  if (timedOut) return { outcome: "retry", reason: `no answer within the ${timeoutMs} ms timeout`, retryAfterMs: null };
  const coded = chain.find((e) => typeof e.code === "string");
  const message = String(chain.at(-1)?.message ?? error).replace(/\s+/g, " ").slice(0, 200);
  return { outcome: "retry", reason: `network: ${coded ? `${String(coded.code)}: ` : ""}${message}`, retryAfterMs: null };
}

async function readAnswer(body: AsyncIterable<Buffer> & { destroy(): unknown }): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= ANSWER_BYTES) {
      body.destroy();
      break;
    }
  }
  return Buffer.concat(chunks).subarray(0, 300).toString("utf8").replace(/\s+/g, " ").trim();
}

/** Retry-After as seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(header: string | string[] | undefined, now: Date): number | null {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}
