// The accounts of the OIDC provider e2e/serve.ts starts for the e2e run, and the settings Vigil
// gets for it; the OIDC spec signs in as them on the provider's own login page.
import type { TestAccount } from "../test/oidc-provider";

export const OIDC_PROVIDER_NAME = "Test IdP";

export const OIDC_ACCOUNTS: Record<string, TestAccount> = {
  erin: { email: "erin@example.com", email_verified: true, groups: ["vigil-editors"] },
  victor: { email: "victor@example.com", email_verified: true, groups: ["vigil-viewers"] },
  outsider: { email: "outsider@elsewhere.test", email_verified: true, groups: ["vigil-editors"] },
};

export const OIDC_SETTINGS = {
  OIDC_NAME: OIDC_PROVIDER_NAME,
  OIDC_SCOPES: "openid email groups",
  OIDC_ALLOWED_DOMAINS: "example.com",
  OIDC_ROLE_MAP: "vigil-editors=editor, vigil-viewers=viewer",
};
