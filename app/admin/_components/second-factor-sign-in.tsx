"use client";
// The second step of signing in: whichever of the admin's factors they have — a passkey, a code
// from the authenticator app, or a recovery code.
import { startAuthentication } from "@simplewebauthn/browser";
import { useActionState, useState } from "react";
import { passkeySignInAction, passkeySignInOptionsAction, secondFactorCodeAction } from "../second-factor-actions";
import type { ActionState } from "@/lib/console/admin-action";
import { Outcome, useKeepingSubmit } from "./action-form";

type Methods = { totp: boolean; recoveryCode: boolean; passkey: boolean };

function CodeForm({ method, label, submit, hint }: { method: "totp" | "recovery_code"; label: string; submit: string; hint: string }) {
  const [state, action, pending] = useActionState<ActionState | null, FormData>(secondFactorCodeAction, null);
  const form = useKeepingSubmit(action, state);
  const errors = state && !state.ok ? state.fieldErrors.code : undefined;
  return (
    <form {...form} className="action-form narrow" aria-label={label}>
      <Outcome state={state} />
      <input type="hidden" name="method" value={method} />
      <label className="field">
        <span className="field-label">{label}</span>
        <input name="code" autoComplete="one-time-code" inputMode={method === "totp" ? "numeric" : "text"} required />
        <span className="field-hint">{hint}</span>
        {errors && <span className="field-error">{errors.join("; ")}</span>}
      </label>
      <button type="submit" disabled={pending}>
        {pending ? "Checking…" : submit}
      </button>
    </form>
  );
}

function PasskeyButton() {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const signInWithPasskey = async () => {
    setPending(true);
    setError(null);
    try {
      const options = await passkeySignInOptionsAction();
      if (!("options" in options)) return setError(options.ok ? "Try again." : options.error);
      let answer;
      try {
        answer = await startAuthentication({ optionsJSON: options.options });
      } catch {
        return setError("The passkey did not answer (cancelled, or not this device's). Try again or use a code.");
      }
      const result = await passkeySignInAction(JSON.stringify(answer));
      if (!result.ok) setError(result.error);
    } finally {
      setPending(false);
    }
  };
  return (
    <div className="action-form narrow">
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      <button type="button" onClick={() => void signInWithPasskey()} disabled={pending}>
        {pending ? "Waiting for the passkey…" : "Use a passkey"}
      </button>
    </div>
  );
}

export function SecondFactorSignIn({ methods }: { methods: Methods }) {
  return (
    <>
      {methods.passkey && <PasskeyButton />}
      {methods.totp && <CodeForm method="totp" label="Code from your authenticator app" submit="Verify" hint="Six digits; a new one every 30 seconds." />}
      {methods.recoveryCode && (
        <details>
          <summary>Use a recovery code</summary>
          <CodeForm method="recovery_code" label="Recovery code" submit="Use recovery code" hint="One of the codes you saved when you set up your second factor; each works once." />
        </details>
      )}
    </>
  );
}
