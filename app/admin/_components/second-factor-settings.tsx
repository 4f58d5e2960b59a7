"use client";
// The account page's second factors: an authenticator app (secret and otpauth:// URI shown once,
// confirmed with a code), recovery codes (shown once), and passkeys (several, named, removable).
// Each part keeps what it was just handed in its own state, so the codes stay on screen after the
// page re-renders with the new status.
import { startRegistration } from "@simplewebauthn/browser";
import { useActionState, useState } from "react";
import { consoleAction } from "../actions";
import type { ActionState } from "@/lib/console/admin-action";
import type { SecondFactorStatus } from "@/lib/auth/second-factor/status";
import { ActionForm, Outcome, useKeepingSubmit } from "./action-form";
import { formatTime } from "./format";

function RecoveryCodes({ state }: { state: ActionState | null }) {
  const codes = state?.ok ? state.data?.recoveryCodes : undefined;
  if (!Array.isArray(codes)) return null;
  return (
    <ol className="recovery-codes" data-testid="recovery-codes">
      {codes.map((code) => (
        <li key={String(code)}>
          <code>{String(code)}</code>
        </li>
      ))}
    </ol>
  );
}

function useConsoleAction(name: Parameters<typeof consoleAction>[0]) {
  return useActionState<ActionState | null, FormData>(consoleAction.bind(null, name), null);
}

function AuthenticatorApp({ status }: { status: SecondFactorStatus["totp"] }) {
  const [started, start, starting] = useConsoleAction("startTotpEnrolment");
  const [confirmed, confirm, confirming] = useConsoleAction("confirmTotp");
  const confirmForm = useKeepingSubmit(confirm, confirmed);
  const secret = started?.ok ? started.data?.secret : undefined;
  const uri = started?.ok ? started.data?.uri : undefined;
  return (
    <section aria-label="Authenticator app" className="card">
      <h2>Authenticator app</h2>
      {confirmed?.ok && <Outcome state={confirmed} />}
      <RecoveryCodes state={confirmed} />
      {status === "on" ? (
        <>
          <p data-testid="totp-status">On: sign-in asks for a code from your app.</p>
          <ActionForm action="removeTotp" submit="Remove authenticator app" secondary confirm="Remove the authenticator app? Sign-in will no longer ask for its codes.">
            {null}
          </ActionForm>
        </>
      ) : typeof secret === "string" && !confirmed?.ok ? (
        <>
          <p>Add this key to your authenticator app (or open the link on the phone that has it), then enter the code it shows.</p>
          <p>
            Key: <code data-testid="totp-secret">{secret}</code>
          </p>
          <p>
            <a href={String(uri)} data-testid="totp-uri">
              {String(uri)}
            </a>
          </p>
          <form {...confirmForm} className="action-form narrow">
            {!confirmed?.ok && <Outcome state={confirmed} />}
            <label className="field">
              <span className="field-label">Code from the app</span>
              <input name="code" autoComplete="one-time-code" inputMode="numeric" required />
              {confirmed && !confirmed.ok && confirmed.fieldErrors.code && <span className="field-error">{confirmed.fieldErrors.code.join("; ")}</span>}
            </label>
            <button type="submit" disabled={confirming}>
              {confirming ? "Checking…" : "Turn on"}
            </button>
          </form>
        </>
      ) : (
        <form action={start} className="action-form">
          <Outcome state={started} />
          <p>Off. Sign-in can ask for a code from an app such as Aegis, 2FAS or 1Password.</p>
          <button type="submit" disabled={starting}>
            Set up an authenticator app
          </button>
        </form>
      )}
    </section>
  );
}

function RecoveryCodeCount({ left, hasFactor }: { left: number; hasFactor: boolean }) {
  const [state, action, pending] = useConsoleAction("regenerateRecoveryCodes");
  if (!hasFactor && !state?.ok) return null;
  return (
    <section aria-label="Recovery codes" className="card">
      <h2>Recovery codes</h2>
      <p>
        {left} of 10 left. Each signs you in once when your app or passkeys are out of reach.
      </p>
      <form action={action} className="action-form">
        <Outcome state={state} />
        <RecoveryCodes state={state} />
        <button type="submit" className="secondary" disabled={pending}>
          New recovery codes
        </button>
      </form>
    </section>
  );
}

function Passkeys({ passkeys }: { passkeys: SecondFactorStatus["passkeys"] }) {
  const [state, setState] = useState<ActionState | null>(null);
  const [pending, setPending] = useState(false);
  const add = async (form: FormData) => {
    setPending(true);
    try {
      const options = await consoleAction("passkeyRegistrationOptions", null, new FormData());
      if (!options.ok) return setState(options);
      let answer;
      try {
        answer = await startRegistration({ optionsJSON: options.data?.options as Parameters<typeof startRegistration>[0]["optionsJSON"] });
      } catch {
        return setState({ ok: false, error: "The browser did not create a passkey (cancelled, or not supported here).", fieldErrors: {} });
      }
      form.set("response", JSON.stringify(answer));
      setState(await consoleAction("registerPasskey", null, form));
    } finally {
      setPending(false);
    }
  };
  return (
    <section aria-label="Passkeys" className="card">
      <h2>Passkeys</h2>
      {passkeys.length > 0 ? (
        <div className="table-scroll"><table>
          <thead>
            <tr>
              <th>Name</th>
              <th>Added</th>
              <th>Last used</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {passkeys.map((passkey) => (
              <tr key={passkey.id} data-testid="passkey">
                <td>{passkey.name}</td>
                <td>{formatTime(passkey.createdAt)}</td>
                <td>{passkey.lastUsedAt ? formatTime(passkey.lastUsedAt) : "never"}</td>
                <td>
                  <ActionForm action="removePasskey" submit="Remove" secondary submitLabel={`Remove passkey ${passkey.name}`} confirm={`Remove the passkey ${passkey.name}?`}>
                    <input type="hidden" name="id" value={passkey.id} />
                  </ActionForm>
                </td>
              </tr>
            ))}
          </tbody>
        </table></div>
      ) : (
        <p>None yet. A passkey (this device, a phone, or a security key) can answer sign-in instead of a code.</p>
      )}
      <form action={(form) => void add(form)} className="action-form narrow">
        <Outcome state={state} />
        <RecoveryCodes state={state} />
        <label className="field">
          <span className="field-label">Passkey name</span>
          <input name="name" required maxLength={100} placeholder="Work laptop" />
          {state && !state.ok && state.fieldErrors.name && <span className="field-error">{state.fieldErrors.name.join("; ")}</span>}
        </label>
        <button type="submit" disabled={pending}>
          {pending ? "Waiting for the browser…" : "Add a passkey"}
        </button>
      </form>
    </section>
  );
}

export function SecondFactorSettings({ status }: { status: SecondFactorStatus }) {
  const hasFactor = status.totp === "on" || status.passkeys.length > 0;
  return (
    <>
      <h2>Second factor</h2>
      {status.required && <p className="hint">Your role must use a second factor: sign-in asks for it, and the console stays closed until one is set up.</p>}
      <AuthenticatorApp status={status.totp} />
      <Passkeys passkeys={status.passkeys} />
      <RecoveryCodeCount left={status.recoveryCodesLeft} hasFactor={hasFactor} />
    </>
  );
}
