"use client";
// A date and time in the admin's own time zone, submitted as an ISO instant (the server runs in
// whatever zone it likes and must not guess).
import { useState, useSyncExternalStore } from "react";
import { FieldError } from "./action-form";

const noSubscription = () => () => {};

/** "2026-12-06T09:30" in the browser's zone, as a datetime-local input holds it. */
function localInputValue(instant: string): string {
  const date = new Date(instant);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/**
 * `instant`: the current value (an ISO instant) of a field being edited. It is shown once the page
 * runs in the browser (only the browser knows the admin's zone) and submitted only when changed, so
 * saving other fields never truncates its seconds.
 */
export function DateTimeField({ name, label, defaultValue, instant, hint }: { name: string; label: string; defaultValue?: string; instant?: string; hint?: string }) {
  const inBrowser = useSyncExternalStore(noSubscription, () => true, () => false);
  const initial = instant ? (inBrowser ? localInputValue(instant) : "") : (defaultValue ?? "");
  const [edited, setEdited] = useState<string | null>(null);
  const local = edited ?? initial;
  const parsed = local ? new Date(local) : null;
  const submitted = instant && (edited === null || edited === initial) ? "" : parsed && !Number.isNaN(parsed.getTime()) ? parsed.toISOString() : "";
  return (
    <label className="field">
      <span className="field-label">{label} (your local time)</span>
      <input type="datetime-local" value={local} onChange={(event) => setEdited(event.target.value)} aria-label={label} />
      <input type="hidden" name={name} value={submitted} />
      {hint && <span className="field-hint">{hint}</span>}
      <FieldError name={name} />
    </label>
  );
}
