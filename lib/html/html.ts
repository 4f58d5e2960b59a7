// A tagged template for HTML and SVG that escapes every interpolated value unless it is already
// markup (SafeHtml). The public pages are rendered with it from route handlers: no React runtime,
// so the public page ships only a few hundred bytes of its own script (see app/(public)/README).
//
//   html`<p>${text}</p>`   → SafeHtml;  raw(trusted)  → SafeHtml;  escapeHtml(text) → string
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Interpolation = SafeHtml | string | number | boolean | null | undefined | readonly Interpolation[];

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

function render(value: Interpolation): string {
  if (value === null || value === undefined || value === false || value === true) return "";
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join("");
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0] ?? "";
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? "");
  });
  return new SafeHtml(out);
}

/** Markup that is trusted as is (sanitised Markdown output, inline CSS and script we wrote). */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}
