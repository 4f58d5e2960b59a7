"use client";
// A date and time in the admin's own time zone, submitted as an ISO instant (the server runs in
// whatever zone it likes and must not guess).
import { useState } from "react";
import { FieldError } from "./action-form";

export function DateTimeField({ name, label, defaultValue }: { name: string; label: string; defaultValue?: string }) {
  const [local, setLocal] = useState(defaultValue ?? "");
  const instant = local ? new Date(local) : null;
  return (
    <label className="field">
      <span className="field-label">{label} (your local time)</span>
      <input type="datetime-local" value={local} onChange={(event) => setLocal(event.target.value)} aria-label={label} />
      <input type="hidden" name={name} value={instant && !Number.isNaN(instant.getTime()) ? instant.toISOString() : ""} />
      <FieldError name={name} />
    </label>
  );
}
