// Why an OIDC sign-in failed: a closed set of codes, carried to the sign-in page in its query
// string (`?sso=<code>`) and shown there as one of these fixed sentences — never the provider's text.
import type { OidcRefusal } from "./admission";

export type OidcFailure = OidcRefusal | "expired" | "state_mismatch" | "idp_error" | "idp_unreachable" | "invalid_response" | "disabled" | "not_configured";

export const OIDC_FAILURE_MESSAGES: Record<OidcFailure, string> = {
  no_email: "The identity provider did not tell Vigil your email address.",
  unverified_email: "Your email address is not verified at the identity provider.",
  wrong_domain: "Your email domain may not sign in to this Vigil.",
  unmapped_role: "Your account at the identity provider has no Vigil role. Ask an owner to add you to a group that has one.",
  expired: "The sign-in took too long or was already used. Try again.",
  state_mismatch: "The sign-in answer did not belong to this browser's sign-in. Try again.",
  idp_error: "The identity provider refused or cancelled the sign-in.",
  idp_unreachable: "The identity provider could not be reached. Try again, or sign in with your password.",
  invalid_response: "The identity provider's answer could not be verified.",
  disabled: "This admin account is disabled.",
  not_configured: "Single sign-on is not configured.",
};

export function isOidcFailure(value: unknown): value is OidcFailure {
  return typeof value === "string" && Object.hasOwn(OIDC_FAILURE_MESSAGES, value);
}
