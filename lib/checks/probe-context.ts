// What every check needs besides the monitor: who may be reached, whom to trust, and the time.
import type { CompiledPolicy } from "./ssrf-guard";
import type { TrustStore } from "./trust-store";

export type ProbeContext = {
  policy: CompiledPolicy;
  trust: TrustStore;
  /** Certificate dates are judged against this. */
  now: Date;
  /** DNS servers for the dns kind ("127.0.0.1:5353"); the system's when absent. */
  dnsServers?: readonly string[];
};
