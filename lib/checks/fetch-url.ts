// Fetching a URL the way a careful client would: redirects followed by hand (each hop re-judged by
// the SSRF guard, where only the exact URL of one of Vigil's self-checks is exempt; loops and the hop
// limit detected), and every https hop's certificate judged before a request is sent on it; a hop
// whose certificate fails stops the fetch there.
import "server-only";
import net, { type Socket } from "node:net";
import { addPhases, NO_PHASES, type PhaseTimings } from "./check-result";
import { classifyTls, type CertificateThresholds } from "./classify-tls";
import { openConnection } from "./connect";
import type { Deadline } from "./deadline";
import { sendRequest, type HttpResponse } from "./http-request";
import type { ProbeContext } from "./probe-context";
import { errorAddress, reasonForError } from "./probe-error";
import type { CertificateFacts, CheckReason, CheckWarning } from "./schemas";
import { policyForUrl, urlBlockReason } from "./ssrf-guard";
import { bareHost } from "./targets";
import { inspectTls } from "./tls-inspect";

export type FetchOptions = {
  method: "GET" | "HEAD";
  headers?: Record<string, string>;
  /** 0: a redirect is the final response; otherwise the hop after the last allowed one fails. */
  maxRedirects: number;
  maxBodyBytes: number;
  connectTimeoutMs: number;
  thresholds: CertificateThresholds;
};

export type FetchOutcome = {
  finalUrl: URL;
  /** The final response; null when a problem stopped the fetch before one arrived. */
  response: HttpResponse | null;
  problems: CheckReason[];
  /** Certificate warnings of every https hop. */
  warnings: CheckWarning[];
  /** The certificate of the hop the fetch ended on: the final one (null if plain http) or the one that failed. */
  certificate: CertificateFacts | null;
  /** The IP address of the hop the fetch ended on (connected to, or refused by). */
  address: string | null;
  phases: PhaseTimings;
};

type Hop = Omit<FetchOutcome, "finalUrl">;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

async function fetchHop(url: URL, options: FetchOptions, context: ProbeContext, deadline: Deadline): Promise<Hop> {
  const hop: Hop = { response: null, problems: [], warnings: [], certificate: null, address: null, phases: NO_PHASES };
  const blocked = urlBlockReason(url);
  if (blocked) return { ...hop, problems: [{ code: "blocked_address", message: `Refusing to fetch ${url.href}: ${blocked}` }] };
  const host = bareHost(url.hostname);
  const https = url.protocol === "https:";
  const port = Number(url.port || (https ? 443 : 80));
  const target = { host, port, policy: policyForUrl(url, context.policy), deadline, connectTimeoutMs: options.connectTimeoutMs };
  try {
    let socket: Socket;
    if (https) {
      const servername = net.isIP(host) ? undefined : host;
      const connection = await openConnection({ ...target, tls: { servername, secureContext: context.trust.secureContext } });
      socket = connection.socket;
      hop.address = connection.address;
      hop.phases = { ...connection.timings, ttfb: null };
      const facts = await inspectTls(connection, host, context, deadline);
      const verdicts = classifyTls(facts, context.now, options.thresholds);
      hop.certificate = facts.certificate;
      hop.warnings = verdicts.warnings;
      if (verdicts.problems.length > 0) {
        socket.destroy();
        return { ...hop, problems: verdicts.problems };
      }
    } else {
      const connection = await openConnection(target);
      socket = connection.socket;
      hop.address = connection.address;
      hop.phases = { ...connection.timings, ttfb: null };
    }
    const response = await sendRequest(socket, {
      method: options.method,
      url,
      maxBodyBytes: options.maxBodyBytes,
      headers: options.headers,
    });
    return { ...hop, response, phases: { ...hop.phases, ttfb: response.ttfbMs } };
  } catch (error) {
    const reason = deadline.expired
      ? { code: "timeout" as const, message: `No complete response from ${url.origin} within the ${deadline.timeoutMs} ms timeout` }
      : reasonForError(error, url.origin);
    return { ...hop, address: hop.address ?? errorAddress(error), problems: [reason] };
  }
}

function redirectTarget(response: HttpResponse, from: URL): URL | "invalid" | null {
  const location = response.headers.location;
  if (!REDIRECT_STATUSES.has(response.statusCode) || !location) return null;
  try {
    const next = new URL(location, from);
    next.hash = "";
    return next;
  } catch {
    return "invalid";
  }
}

export async function fetchUrl(start: URL, options: FetchOptions, context: ProbeContext, deadline: Deadline): Promise<FetchOutcome> {
  let url = new URL(start);
  url.hash = "";
  const visited = [url.href];
  let phases = NO_PHASES;
  const warnings: CheckWarning[] = [];
  for (;;) {
    const hop = await fetchHop(url, options, context, deadline);
    phases = addPhases(phases, hop.phases);
    warnings.push(...hop.warnings);
    const outcome: FetchOutcome = { ...hop, finalUrl: url, warnings, phases };
    if (hop.problems.length > 0 || !hop.response || options.maxRedirects === 0) return outcome;
    const next = redirectTarget(hop.response, url);
    if (next === null) return outcome;
    const stop = (problem: CheckReason): FetchOutcome => ({ ...outcome, response: null, problems: [problem] });
    if (next === "invalid")
      return stop({ code: "http_status", message: `${url.href} redirects to an invalid Location: ${hop.response.headers.location}` });
    if (visited.includes(next.href)) {
      const loop = [...visited.slice(visited.indexOf(next.href)), next.href];
      return stop({ code: "redirect_loop", message: `Redirect loop: ${loop.join(" → ")}` });
    }
    if (visited.length > options.maxRedirects)
      return stop({
        code: "too_many_redirects",
        message: `More than ${options.maxRedirects} redirects, starting at ${visited[0]} (next: ${next.href})`,
      });
    visited.push(next.href);
    url = next;
  }
}
