// A real OpenID Connect provider (the `oidc-provider` package) on 127.0.0.1 for the OIDC sign-in
// tests: its development login page takes any password for the accounts given here (the login is
// the account id), and consent is implied, as for a company's own client. signInAt() walks that
// page over real HTTP, as a browser would, for tests without a browser.
import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

export type TestAccount = { email?: string; email_verified?: boolean; groups?: string[] };
export type TestProvider = { issuer: string; clientId: string; clientSecret: string; stop(): Promise<void> };

export const TEST_CLIENT = { clientId: "vigil", clientSecret: "test-client-secret-3f9a2c" };

export async function startOidcProvider({ redirectUri, accounts }: { redirectUri: string; accounts: Record<string, TestAccount> }): Promise<TestProvider> {
  const server = http.createServer();
  // Never what keeps a process alive: the test or launcher that started it decides when to exit.
  server.unref();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: TEST_CLIENT.clientId,
        client_secret: TEST_CLIENT.clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_post",
      },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified"], groups: ["groups"] },
    findAccount: (_ctx, id) => {
      const account = accounts[id];
      return account ? { accountId: id, claims: () => ({ sub: id, ...account }) } : undefined;
    },
    // Consent is implied (the operator's own client): every scope and claim asked for is granted.
    loadExistingGrant: async (ctx) => {
      const { oidc } = ctx;
      const grantId = oidc.result?.consent?.grantId ?? oidc.session!.grantIdFor(oidc.client!.clientId);
      if (grantId) return oidc.provider.Grant.find(grantId);
      const grant = new oidc.provider.Grant({ clientId: oidc.client!.clientId, accountId: oidc.session!.accountId! });
      grant.addOIDCScope(String(oidc.params?.scope ?? "openid"));
      await grant.save();
      return grant;
    },
    features: { devInteractions: { enabled: true } },
    ttl: { Interaction: 600, Session: 600, Grant: 600, AuthorizationCode: 60, AccessToken: 600, IdToken: 600 },
    cookies: { keys: ["vigil-test-provider-cookie-key"] },
  });
  server.on("request", provider.callback());
  return {
    issuer,
    ...TEST_CLIENT,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Follows an authorization URL through the provider's login page as `login`, and returns the
 * redirect back to the client (with code and state, or an error) without following it.
 */
export async function signInAt(authorizationUrl: URL, login: string, redirectUri: string): Promise<URL> {
  const cookies = new Map<string, string>();
  const request = async (url: URL, init: RequestInit = {}) => {
    const response = await fetch(url, { ...init, redirect: "manual", headers: { ...init.headers, cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join("; ") } });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const at = pair.indexOf("=");
      cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return response;
  };
  let url = authorizationUrl;
  for (let hop = 0; hop < 10; hop++) {
    const response = await request(url);
    const location = response.headers.get("location");
    if (location) {
      url = new URL(location, url);
      if (url.href.startsWith(redirectUri)) return url;
      continue;
    }
    // The login page: post the login (any password) to the form's action.
    const page = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
    if (!action) throw new Error(`no login form at ${url.href} (HTTP ${response.status})`);
    const submitted = await request(new URL(action.replaceAll("&amp;", "&"), url), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ prompt: "login", login, password: "any" }).toString(),
    });
    url = new URL(submitted.headers.get("location") ?? "", url);
  }
  throw new Error("the provider did not redirect back");
}
