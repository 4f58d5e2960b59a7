// OpenID Connect sign-in settings, from the environment (OIDC_*): null when OIDC is not configured.
// Tests build their own; the routes read env() once per request.
import { publicUrl, type Env, env } from "../../env";
import type { Role } from "../actor";

export type OidcSettings = {
  issuer: URL;
  clientId: string;
  clientSecret: string;
  /** Shown on the button: "Sign in with <displayName>". */
  displayName: string;
  scopes: string[];
  /** Exact, lower-case email domains whose users may sign in. */
  allowedDomains: string[];
  roleClaim: string;
  roleMap: ReadonlyArray<readonly [claimValue: string, role: Role]>;
  /** Role of a user no mapping matches; null: refuse them. */
  defaultRole: Exclude<Role, "owner"> | null;
  /** Where the provider sends the browser back: PUBLIC_URL/admin/oidc/callback. */
  redirectUri: string;
};

export const OIDC_CALLBACK_PATH = "/admin/oidc/callback";

export function oidcSettings(config: Env = env()): OidcSettings | null {
  const { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret } = config;
  // parseEnv insists on the rest once the issuer is set.
  if (!issuer || !clientId || !clientSecret) return null;
  return {
    issuer: new URL(issuer),
    clientId,
    clientSecret,
    displayName: config.OIDC_NAME,
    scopes: config.OIDC_SCOPES,
    allowedDomains: config.OIDC_ALLOWED_DOMAINS,
    roleClaim: config.OIDC_ROLE_CLAIM,
    roleMap: config.OIDC_ROLE_MAP,
    defaultRole: config.OIDC_DEFAULT_ROLE ?? null,
    redirectUri: `${publicUrl(config)}${OIDC_CALLBACK_PATH}`,
  };
}
