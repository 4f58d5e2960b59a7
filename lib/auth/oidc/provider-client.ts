// The provider's configuration (discovery document, endpoints, keys) through openid-client, fetched
// once per process and settings; a failed discovery is forgotten so the next sign-in tries again.
import "server-only";
import * as client from "openid-client";
import type { OidcSettings } from "./settings";

/** Seconds one request to the provider (discovery, token, userinfo, keys) may take. */
const PROVIDER_TIMEOUT_SECONDS = 10;

const configurations = new Map<string, Promise<client.Configuration>>();

export function providerConfiguration(settings: OidcSettings): Promise<client.Configuration> {
  const key = JSON.stringify([settings.issuer.href, settings.clientId, settings.clientSecret]);
  let configuration = configurations.get(key);
  if (!configuration) {
    // Plain http only passes env validation for a provider on this machine.
    const insecure = settings.issuer.protocol === "http:" ? { execute: [client.allowInsecureRequests] } : {};
    configuration = client.discovery(settings.issuer, settings.clientId, settings.clientSecret, undefined, { timeout: PROVIDER_TIMEOUT_SECONDS, ...insecure });
    configuration.catch(() => configurations.delete(key));
    configurations.set(key, configuration);
  }
  return configuration;
}
