// Who Vigil is to a passkey: the relying party id is PUBLIC_URL's host name, and the browser's
// origin must be PUBLIC_URL's. Browsers refuse an IP address as a relying party, so without a
// PUBLIC_URL (the default: http://127.0.0.1:PORT) passkeys work at http://localhost:PORT.
import { isIP } from "node:net";
import { publicUrl, type Env, env } from "../../env";

export type RelyingParty = { id: string; origin: string };

export function relyingParty(config: Env = env()): RelyingParty {
  const url = new URL(publicUrl(config));
  if (isIP(url.hostname.replace(/^\[|\]$/g, "")) === 0) return { id: url.hostname, origin: url.origin };
  const local = new URL(url.origin);
  local.hostname = "localhost";
  return { id: "localhost", origin: local.origin };
}
