"use client";
// A form bound to a console action: shows the outcome above the form and each field's errors next
// to the field (FieldError reads them from context).
import { createContext, Fragment, startTransition, useActionState, useContext, useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import { consoleAction } from "../actions";
import type { ActionState } from "@/lib/console/admin-action";
import type { FieldErrors } from "@/lib/errors";
import type { ConsoleActionName } from "@/lib/console/console-actions";

const ErrorsContext = createContext<FieldErrors>({});

type Props = {
  action: ConsoleActionName;
  children: ReactNode;
  submit: string;
  /** Asked before submitting (deletes). */
  confirm?: string;
  className?: string;
  secondary?: boolean;
  /** The button's accessible name when its text alone is ambiguous ("Up" beside every row). */
  submitLabel?: string;
};

/**
 * Submits through the action without React's automatic form reset, so a rejected form keeps what
 * the admin typed (next to its errors); the form is reset only after a success. The forms are
 * `method="post"`: clicked before hydration (or without JavaScript) they post back to the page,
 * which changes nothing, instead of submitting a GET that would put the fields — passwords
 * included — into the URL, the browser history and proxy logs.
 */
export function useKeepingSubmit(formAction: (form: FormData) => void, state: ActionState | null, confirm?: string) {
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state?.ok) ref.current?.reset();
  }, [state]);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (confirm && !window.confirm(confirm)) return;
    const data = new FormData(event.currentTarget);
    startTransition(() => formAction(data));
  };
  return { ref, onSubmit, method: "post" };
}

/**
 * How many times the form succeeded, counted while rendering (React's "adjust state when a prop
 * changes"): the fields are keyed by it, so a success mounts them afresh. `form.reset()` alone
 * cannot clear fields that keep their value in React state (the Markdown editor), and it puts a
 * `<select>` back to the choice it was first rendered with, not to the new default the re-rendered
 * page passes (an incident's new status): a second click would post the same update again.
 */
function useSuccessCount(state: ActionState | null): number {
  const [seen, setSeen] = useState(state);
  const [count, setCount] = useState(0);
  if (state !== seen) {
    setSeen(state);
    if (state?.ok) setCount(count + 1);
  }
  return count;
}

export function ActionForm({ action, children, submit, confirm, className, secondary, submitLabel }: Props) {
  const [state, formAction, pending] = useActionState<ActionState | null, FormData>(consoleAction.bind(null, action), null);
  const form = useKeepingSubmit(formAction, state, confirm);
  const successes = useSuccessCount(state);
  return (
    <ErrorsContext.Provider value={state && !state.ok ? state.fieldErrors : {}}>
      <form {...form} className={className ?? "action-form"}>
        <Outcome state={state} />
        <Fragment key={successes}>{children}</Fragment>
        <button type="submit" disabled={pending} className={secondary ? "secondary" : undefined} aria-label={submitLabel}>
          {pending ? "Working…" : submit}
        </button>
      </form>
    </ErrorsContext.Provider>
  );
}

export function Outcome({ state }: { state: ActionState | null }) {
  if (!state) return null;
  if (!state.ok) {
    return (
      <p role="alert" className="form-error">
        {state.error} {state.signedOut && <a href="/admin/login">Sign in</a>}
      </p>
    );
  }
  const secret = state.data?.token ?? state.data?.password;
  return (
    <div role="status" className="form-ok">
      {state.message}
      {typeof secret === "string" && (
        <code className="secret" data-testid="secret">
          {secret}
        </code>
      )}
    </div>
  );
}

/** The errors of field `name` and of its parts (`name.0`, `name.path`), unless `exact`. */
export function FieldError({ name, exact }: { name: string; exact?: boolean }) {
  const errors = useContext(ErrorsContext);
  const messages = Object.entries(errors)
    .filter(([key]) => key === name || (!exact && key.startsWith(`${name}.`)))
    .flatMap(([key, list]) => list.map((message) => (key === name ? message : `${key.slice(name.length + 1)}: ${message}`)));
  if (messages.length === 0) return null;
  return (
    <span className="field-error" role="alert">
      {messages.join("; ")}
    </span>
  );
}

/** A labelled field with its errors beside it. */
export function Field({ label, name, children, hint }: { label: string; name: string; children: ReactNode; hint?: string }) {
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      {children}
      {hint && <span className="field-hint">{hint}</span>}
      <FieldError name={name} />
    </label>
  );
}
