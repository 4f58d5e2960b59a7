// What custom CSS an admin may add to the public page. It is served as its own stylesheet
// (/custom.css, allowed by the page's CSP as 'self'), never inlined, so it cannot end a <style>
// element; still, `<` is refused so it stays safe wherever it is pasted. It may not load anything
// from another origin (@import, url() and the other URL-taking functions, except same-site paths
// and data: images) nor run anything (expression(), behavior, -moz-binding, javascript:).
// Checked after CSS escapes are decoded and comments removed, as a browser would read it: `\75rl(`
// is url(. Pure.

export const CUSTOM_CSS_MAX_BYTES = 16 * 1024;

/** `\75 rl(` → `url(`, `\(` → `(`: each CSS escape as the character it stands for. */
function decodeEscapes(css: string): string {
  return css.replace(/\\(?:([0-9a-f]{1,6})[ \t\n\r\f]?|([^\n0-9a-f]))/gi, (_, hex: string | undefined, char: string | undefined) =>
    hex ? String.fromCodePoint(Math.min(Number.parseInt(hex, 16), 0x10ffff) || 0xfffd) : (char ?? ""),
  );
}

const FORBIDDEN: readonly [RegExp, string][] = [
  [/</, "must not contain “<” (it could end the page's style element)"],
  [/@import/i, "must not use @import (it loads another stylesheet)"],
  [/expression\s*\(/i, "must not use expression() (it runs script in old browsers)"],
  [/javascript:/i, "must not contain javascript: addresses"],
  [/behavior\s*:|-moz-binding/i, "must not use behavior or -moz-binding (they run script in old browsers)"],
  [/(?:image-set|src)\s*\(/i, "must not use image-set() or src(); use url() with a path on this site"],
];

/** A url() target that stays on this site: a path ("/brand/bg.png", never "//host") or a data: image. */
function isSameSiteUrl(target: string): boolean {
  return /^\/(?![/\\])/.test(target) || /^data:image\/(?:png|jpeg|gif|webp);base64,[a-z0-9+/=\s]*$/i.test(target);
}

/** The problems with `css`, each a sentence; [] when it may be used. */
export function customCssProblems(css: string): string[] {
  const problems: string[] = [];
  const bytes = new TextEncoder().encode(css).byteLength;
  if (bytes > CUSTOM_CSS_MAX_BYTES) problems.push(`must be at most ${CUSTOM_CSS_MAX_BYTES / 1024} KB (it is ${(bytes / 1024).toFixed(1)} KB)`);
  const decoded = decodeEscapes(css).replace(/\/\*[\s\S]*?(?:\*\/|$)/g, "");
  for (const [pattern, message] of FORBIDDEN) if (pattern.test(decoded)) problems.push(message);
  for (const match of decoded.matchAll(/url\s*\(\s*(["']?)([^"')]*)\1\s*\)?/gi)) {
    const target = match[2]!.trim();
    if (!isSameSiteUrl(target)) {
      problems.push(`url(${target.slice(0, 60)}) points to another site; only paths on this site (url(/…)) and data: images are allowed`);
      break;
    }
  }
  return problems;
}
