// Which language a visitor reads: `?lang=` first (a link can pin it), then the browser's
// Accept-Language (RFC 9110 §12.5.4: ranges with q-values, highest first, q=0 refuses), then the
// page's own setting. Only LANGUAGES count; "de-AT" and "de" both mean German.
//
// Not `server-only`: the response cache (scripts/web.ts, outside the Next bundle) keys on it, on
// every cache hit — so a header seen before is answered from a small memo instead of parsed again.
import { isLanguage, type Language } from "./languages";

export type LanguageRange = { range: string; q: number };

const MAX_HEADER_LENGTH = 512;
const MEMO_LIMIT = 256;
const memo = new Map<string, Language | null>();

/** "de-CH, de;q=0.9, en;q=0.8" → ranges lower-cased, highest q first (stable for ties); malformed parts skipped. */
export function parseAcceptLanguage(header: string): LanguageRange[] {
  const ranges: LanguageRange[] = [];
  for (const part of header.slice(0, MAX_HEADER_LENGTH).split(",")) {
    const [tag = "", ...params] = part.trim().split(";");
    const range = tag.trim().toLowerCase();
    if (!/^(\*|[a-z]{1,8}(-[a-z0-9]{1,8})*)$/.test(range)) continue;
    let q = 1;
    for (const param of params) {
      const match = /^\s*q\s*=\s*(0(\.\d{0,3})?|1(\.0{0,3})?)\s*$/i.exec(param);
      if (match) q = Number(match[1]);
      else if (/^\s*q\s*=/i.test(param)) q = -1;
    }
    if (q >= 0) ranges.push({ range, q });
  }
  return ranges.map((r, i) => ({ r, i })).sort((a, b) => b.r.q - a.r.q || a.i - b.i).map(({ r }) => r);
}

/** The supported language the header prefers, or null when it names none of them ("*" names none in particular). */
export function preferredLanguage(header: string | null | undefined): Language | null {
  if (!header) return null;
  const known = memo.get(header);
  if (known !== undefined) return known;
  const ranges = parseAcceptLanguage(header);
  // "de;q=0" refuses German; "de-AT;q=0" refuses only that variant, which we do not tell apart.
  const refused = new Set(ranges.filter((r) => r.q === 0 && !r.range.includes("-")).map((r) => r.range));
  const found =
    ranges
      .filter((r) => r.q > 0)
      .map((r) => r.range.split("-")[0]!)
      .find((primary): primary is Language => isLanguage(primary) && !refused.has(primary)) ?? null;
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(header, found);
  return found;
}

/** A `?lang=` value naming a supported language, else null. */
export function queryLanguage(search: URLSearchParams): Language | null {
  const value = search.get("lang")?.toLowerCase() ?? "";
  return isLanguage(value) ? value : null;
}

/** The visitor's language for a page whose own setting is `pageLanguage`. */
export function chooseLanguage(request: Request, pageLanguage: Language): Language {
  return queryLanguage(new URL(request.url).searchParams) ?? preferredLanguage(request.headers.get("accept-language")) ?? pageLanguage;
}
