// Opening a probe connection: the SSRF guard judges the address at the moment the socket gets it,
// the connect timeout covers TCP and the TLS handshake, and the check's deadline stays bound to the
// socket for the rest of its life. Certificates are never verified here (rejectUnauthorized: false):
// the handshake always completes so the certificate can be inspected and judged afterwards.
import "server-only";
import net from "node:net";
import tls from "node:tls";
import type { Deadline } from "./deadline";
import { ProbeError } from "./probe-error";
import type { PhaseTimings } from "./check-result";
import { BLOCKED_ADDRESS_HINT, BlockedAddressError, blockedAddressReason, guardedLookup, type CompiledPolicy } from "./ssrf-guard";
import { formatHostPort, type HostPort } from "./targets";

export type ConnectOptions = HostPort & {
  policy: CompiledPolicy;
  deadline: Deadline;
  connectTimeoutMs: number;
  /** Present for TLS: the SNI name (none for IP literals) and the context with the trusted roots. */
  tls?: { servername: string | undefined; secureContext: tls.SecureContext };
};

export type OpenConnection<S extends net.Socket> = {
  socket: S;
  /** The IP address connected to. */
  address: string | null;
  timings: Pick<PhaseTimings, "dns" | "connect" | "tls">;
};

const since = (start: number) => Math.round(performance.now() - start);

export function openConnection(options: ConnectOptions & { tls: NonNullable<ConnectOptions["tls"]> }): Promise<OpenConnection<tls.TLSSocket>>;
export function openConnection(options: ConnectOptions): Promise<OpenConnection<net.Socket>>;
export function openConnection(options: ConnectOptions): Promise<OpenConnection<net.Socket>> {
  const target = formatHostPort(options);
  // IP literals skip `lookup` inside net.connect, so they are judged before connecting.
  const literalBlock = net.isIP(options.host) ? blockedAddressReason(options.host, options.host, options.policy, options.port) : null;
  if (literalBlock) {
    const message = `Refusing to connect to ${target}: ${literalBlock} is blocked; ${BLOCKED_ADDRESS_HINT}`;
    return Promise.reject(new ProbeError("blocked_address", message));
  }

  const start = performance.now();
  let resolvedAt: number | null = null;
  let connectedAt: number | null = null;
  const lookup = guardedLookup(options.policy, options.port);
  const timedLookup: net.LookupFunction = (hostname, lookupOptions, callback) =>
    lookup(hostname, lookupOptions, (error, address, family) => {
      resolvedAt = performance.now();
      callback(error, address, family);
    });

  const base = { host: options.host, port: options.port, lookup: timedLookup };
  const socket = options.tls
    ? tls.connect({
        ...base,
        servername: options.tls.servername,
        secureContext: options.tls.secureContext,
        rejectUnauthorized: false,
        // Vigil calls tls.checkServerIdentity itself, for every certificate, even a rejected one.
        checkServerIdentity: () => undefined,
      })
    : net.connect(base);
  if (socket instanceof tls.TLSSocket) skipDetailedCertificate(socket);
  options.deadline.bind(socket);

  return new Promise((resolve, reject) => {
    // When the check's deadline comes first, it alone ends the attempt (and names the timeout).
    const { connectTimeoutMs } = options;
    const timer =
      connectTimeoutMs < options.deadline.remainingMs()
        ? setTimeout(() => {
            const what = connectedAt === null ? `Connecting to ${target}` : `The TLS handshake with ${target}`;
            socket.destroy(new ProbeError("timeout", `${what} timed out after ${connectTimeoutMs} ms`));
          }, connectTimeoutMs)
        : undefined;
    socket.once("connect", () => {
      connectedAt = performance.now();
    });
    socket.once(options.tls ? "secureConnect" : "connect", () => {
      clearTimeout(timer);
      socket.removeListener("error", onError);
      // Whoever uses the socket next listens for its errors; an error while it sits idle (say,
      // during certificate diagnosis) must not become an uncaught exception.
      socket.on("error", () => {});
      const dns = resolvedAt === null ? null : Math.round(resolvedAt - start);
      const connect = Math.round((connectedAt ?? performance.now()) - (resolvedAt ?? start));
      const tlsMs = options.tls && connectedAt !== null ? since(connectedAt) : null;
      resolve({ socket, address: socket.remoteAddress ?? null, timings: { dns, connect, tls: tlsMs } });
    });
    const onError = (error: Error) => {
      clearTimeout(timer);
      socket.destroy();
      if (error instanceof BlockedAddressError) {
        reject(new ProbeError("blocked_address", `Refusing to connect to ${target}: ${error.message}; ${BLOCKED_ADDRESS_HINT}`));
      } else {
        reject(error);
      }
    };
    socket.once("error", onError);
  });
}

/**
 * After every verified handshake Node builds the detailed peer certificate for its own host name
 * check: every certificate of the chain as an object (public key, three fingerprints, raw bytes),
 * the root looked up again in the trust store — about half a millisecond, a tenth of a busy
 * worker's time. Vigil checks the host itself (tls-inspect.ts) and reads a chain only for a leaf it
 * has not seen, so during the handshake that call gets nothing (Node hands the result only to the
 * checkServerIdentity above). The socket's own method is back before anyone else can call it:
 * assigned, not deleted — deleting a property turns the socket into a dictionary-mode object (a
 * few kB allocated per check, and slower property reads for the rest of its life).
 */
function skipDetailedCertificate(socket: tls.TLSSocket) {
  socket.getPeerCertificate = () => ({}) as tls.DetailedPeerCertificate;
  socket.once("secureConnect", () => (socket.getPeerCertificate = tls.TLSSocket.prototype.getPeerCertificate));
}
