"use client";
// Sign-in and first-run setup forms (their actions run without a session).
import { useActionState } from "react";
import { completeSetupAction, signInAction } from "../auth-actions";
import type { ActionState } from "@/lib/console/admin-action";
import { FieldError, Outcome, useKeepingSubmit } from "./action-form";

export function SignInForm() {
  const [state, action, pending] = useActionState<ActionState | null, FormData>(signInAction, null);
  const form = useKeepingSubmit(action, state);
  return (
    <form {...form} className="action-form narrow">
      <Outcome state={state} />
      <label className="field">
        <span className="field-label">Email</span>
        <input name="email" type="email" autoComplete="username" required />
      </label>
      <label className="field">
        <span className="field-label">Password</span>
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      <button type="submit" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}

export function SetupForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState<ActionState | null, FormData>(completeSetupAction, null);
  const form = useKeepingSubmit(action, state);
  const errors = state && !state.ok ? state.fieldErrors : {};
  return (
    <form {...form} className="action-form narrow">
      <Outcome state={state} />
      <input type="hidden" name="token" value={token} />
      <label className="field">
        <span className="field-label">Your email</span>
        <input name="email" type="email" autoComplete="username" required />
        {errors.email && <span className="field-error">{errors.email.join("; ")}</span>}
      </label>
      <label className="field">
        <span className="field-label">Password (at least 12 characters; a passphrase of unrelated words is good)</span>
        <input name="password" type="password" autoComplete="new-password" required minLength={12} />
        {errors.password && <span className="field-error">{errors.password.join("; ")}</span>}
      </label>
      <FieldError name="body" />
      <button type="submit" disabled={pending}>
        {pending ? "Creating…" : "Create the owner account"}
      </button>
    </form>
  );
}
