// The sign-in page's OpenID Connect part: "Sign in with <provider>" when OIDC is configured, and
// why the last OIDC attempt failed (a fixed sentence per `?sso=` code, never text from the URL).
import { isOidcFailure, OIDC_FAILURE_MESSAGES } from "@/lib/auth/oidc/failures";
import { oidcSettings } from "@/lib/auth/oidc/settings";

export async function OidcSignIn({ searchParams }: { searchParams: Promise<{ sso?: string | string[] }> }) {
  const settings = oidcSettings();
  const { sso } = await searchParams;
  const failure = isOidcFailure(sso) ? OIDC_FAILURE_MESSAGES[sso] : null;
  if (!settings && !failure) return null;
  return (
    <section className="oidc-sign-in" aria-label="Single sign-on">
      {failure && (
        <p className="form-error" role="alert">
          {failure}
        </p>
      )}
      {settings && (
        <p>
          {/* A plain link (GET), not a form: it works before hydration and starts nothing but a redirect. */}
          <a className="button" href="/admin/oidc/start" rel="nofollow">
            Sign in with {settings.displayName}
          </a>
        </p>
      )}
      {settings && <p className="hint">or with your email and password:</p>}
    </section>
  );
}
