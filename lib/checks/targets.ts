// Monitor targets per kind, parsed the way a URL parser would see them: numeric IPv4 forms
// ("2130706433", "0x7f.1"), upper case and IDN names are normalised before the SSRF guard judges them.
import net from "node:net";

export type HostPort = { host: string; port: number };

/** A URL host without IPv6 brackets, ready for net.connect and the SSRF guard. */
export function bareHost(hostname: string): string {
  return hostname.startsWith("[") && hostname.endsWith("]") ? hostname.slice(1, -1) : hostname;
}

export function formatHostPort({ host, port }: HostPort): string {
  return `${net.isIPv6(host) ? `[${host}]` : host}:${port}`;
}

function normalizedHost(host: string): string | null {
  try {
    const hostname = new URL(`http://${host}/`).hostname;
    return hostname ? bareHost(hostname) : null;
  } catch {
    return null;
  }
}

/** "host:port" or "[v6]:port"; "host" alone when a default port is given. */
export function parseHostPort(target: string, defaultPort?: number): HostPort | null {
  const match = /^(\[[0-9a-fA-F:.]+\]|[^:[\]/@?#\s]+)(?::(\d{1,5}))?$/.exec(target.trim());
  if (!match?.[1]) return null;
  const port = match[2] === undefined ? defaultPort : Number(match[2]);
  if (port === undefined || port < 1 || port > 65_535) return null;
  const host = normalizedHost(match[1]);
  return host ? { host, port } : null;
}

export function parseHttpUrl(target: string): URL | null {
  try {
    const url = new URL(target);
    return url.protocol === "http:" || url.protocol === "https:" ? url : null;
  } catch {
    return null;
  }
}

/** A tls target: "host[:port]" (port 443 by default) or an https URL, whose host and port are used. */
export function parseTlsTarget(target: string): HostPort | null {
  if (!/^https:\/\//i.test(target.trim())) return parseHostPort(target, 443);
  const url = parseHttpUrl(target.trim());
  return url ? { host: bareHost(url.hostname), port: Number(url.port || 443) } : null;
}

/** A dns target: a host name (an IP literal has nothing to resolve). */
export function parseDnsName(target: string): string | null {
  if (/[:/@?#\s[\]]/.test(target.trim())) return null;
  const host = normalizedHost(target.trim());
  return host && !net.isIP(host) ? host : null;
}
