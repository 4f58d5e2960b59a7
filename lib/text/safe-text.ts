// What text Vigil accepts, decided once. Two rules:
//  - every string from outside (API bodies, console forms, the config file, query strings) is refused
//    when it holds a character PostgreSQL cannot store or no one types: NUL and the other C0 control
//    characters except tab, line feed and carriage return, DEL, and lone UTF-16 surrogates;
//  - a name the public sees (components, groups, incidents, maintenance, monitors, the page) is one
//    line of visible text: no control character at all and no bidirectional override or isolate,
//    which could make "Payments ‮etadpu" read as something else.
import { z } from "zod";
import type { FieldErrors } from "../errors";

const UNSAFE_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const ANY_CONTROL = /\p{Cc}/u;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Arabic letter mark, LRM/RLM, the embeddings and overrides (LRE…RLO), the isolates (LRI…PDI). */
const BIDI_CONTROL = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

export const UNSAFE_TEXT_MESSAGE = "must not contain control characters (such as NUL)";

/** True when `text` holds something no field may hold (see above). */
export function isUnsafeText(text: string): boolean {
  return UNSAFE_CONTROL.test(text) || LONE_SURROGATE.test(text);
}

/** The path of every string inside `value` that is unsafe text (keys count too: a bad key ends its path). */
export function unsafeTextPaths(value: unknown): (string | number)[][] {
  const found: (string | number)[][] = [];
  const visit = (node: unknown, path: (string | number)[]) => {
    if (typeof node === "string") {
      if (isUnsafeText(node)) found.push(path);
    } else if (Array.isArray(node)) {
      node.forEach((item, index) => visit(item, [...path, index]));
    } else if (node !== null && typeof node === "object") {
      for (const [key, item] of Object.entries(node)) {
        if (isUnsafeText(key)) found.push([...path, key.replace(/[^\x20-\x7e]/g, "?")]);
        else visit(item, [...path, key]);
      }
    }
  };
  visit(value, []);
  return found;
}

/**
 * Field errors for every unsafe string inside `value` (a parsed JSON body, a form, a config
 * document), keyed by its path as zod's are, or null when there is none.
 */
export function unsafeTextErrors(value: unknown): FieldErrors | null {
  const paths = unsafeTextPaths(value);
  if (paths.length === 0) return null;
  return Object.fromEntries(paths.map((path) => [path.join(".") || "body", [UNSAFE_TEXT_MESSAGE]]));
}

/** A name shown to the public: trimmed, 1 to `max` characters, one line, no bidi controls. */
export function publicName(max: number, required = "a name is required") {
  return z
    .string()
    .trim()
    .min(1, required)
    .max(max)
    .refine((name) => !ANY_CONTROL.test(name), "must be one line without control characters")
    .refine((name) => !BIDI_CONTROL.test(name), "must not contain right-to-left or left-to-right override characters")
    .refine((name) => !LONE_SURROGATE.test(name), UNSAFE_TEXT_MESSAGE);
}
