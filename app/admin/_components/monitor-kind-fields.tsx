"use client";
// The monitor's kind and that kind's options, as form fields built from the probe's schemas; they
// are sent as one JSON `expectations` value, which the server validates with those same schemas.
import { useState, type ReactNode } from "react";
import type { MonitorOption } from "@/lib/console/monitor-options";
import { FieldError } from "./action-form";

const KIND_LABELS: Record<string, string> = { http: "HTTP(S) request", tls: "TLS certificate", feed: "Podcast/RSS feed", dns: "DNS resolution", tcp: "TCP connect" };

function asText(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (Array.isArray(value)) return value.join(", ");
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

function toValue(option: MonitorOption, text: string): unknown {
  switch (option.input) {
    case "number":
      return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text; // not a number: the schema says so
    case "list":
      return text.split(",").map((item) => item.trim()).filter(Boolean);
    case "json":
      try {
        return JSON.parse(text);
      } catch {
        return text;
      }
    default:
      return text;
  }
}

/** `children` (the target field) sit between the kind and its options. */
export function MonitorKindFields({
  kindOptions,
  kind: initialKind,
  expectations,
  children,
}: {
  kindOptions: Record<string, MonitorOption[]>;
  kind: string;
  expectations: Record<string, unknown>;
  children?: ReactNode;
}) {
  const [kind, setKind] = useState(initialKind);
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(Object.entries(expectations).map(([key, value]) => [key, asText(value)])));
  const options = kindOptions[kind] ?? [];
  const chosen = Object.fromEntries(options.filter((o) => (values[o.name] ?? "").trim() !== "").map((o) => [o.name, toValue(o, values[o.name]!.trim())]));
  return (
    <>
      <label className="field">
        <span className="field-label">Kind</span>
        <select name="kind" value={kind} onChange={(event) => setKind(event.target.value)}>
          {Object.keys(kindOptions).map((k) => (
            <option key={k} value={k}>
              {KIND_LABELS[k] ?? k}
            </option>
          ))}
        </select>
        <FieldError name="kind" />
      </label>
      {children}
      <fieldset className="field">
        <legend>Options for {KIND_LABELS[kind] ?? kind} (empty: the default)</legend>
        {options.map((option) => (
          <label key={option.name} className="field">
            <span className="field-label">{option.label}</span>
            {option.input === "select" ? (
              <select data-option={option.name} value={values[option.name] ?? ""} onChange={(event) => setValues({ ...values, [option.name]: event.target.value })}>
                <option value="">default ({option.placeholder})</option>
                {option.choices!.map((choice) => (
                  <option key={choice} value={choice}>
                    {choice}
                  </option>
                ))}
              </select>
            ) : (
              <input
                data-option={option.name}
                value={values[option.name] ?? ""}
                placeholder={option.input === "json" ? '{"path": "status.indicator", "equals": "none"}' : option.placeholder}
                inputMode={option.input === "number" ? "numeric" : undefined}
                onChange={(event) => setValues({ ...values, [option.name]: event.target.value })}
              />
            )}
            <span className="field-hint">{option.help}</span>
            <FieldError name={`expectations.${option.name}`} />
          </label>
        ))}
        <input type="hidden" name="expectations" value={JSON.stringify(chosen)} />
        <FieldError name="expectations" exact />
      </fieldset>
    </>
  );
}
