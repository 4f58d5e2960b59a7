// Messages and dates in one language: `translator(language)` gives the functions every view and
// email formats with. Messages are ICU MessageFormat (intl-messageformat), each parsed once per
// process on first use; dates go through the runtime's Intl (full ICU in Node's builds).
import IntlMessageFormat, { type PrimitiveType } from "intl-messageformat";
import { formatUptimePercent } from "../status/uptime";
import { LANGUAGES, type Language } from "./languages";
import { de } from "./messages/de";
import { en, type Catalog, type MessageKey } from "./messages/en";
import { es } from "./messages/es";

export type { MessageKey } from "./messages/en";

export const CATALOGS: Record<Language, Catalog> = { en, de, es };

export type TimeFormat = "datetime" | "date" | "time";
type Values = Record<string, PrimitiveType>;
/** A tag's content in, what stands for the tag out (a link, <b>…). */
type TagRenderer<T> = (chunks: (string | T)[]) => T;

export type Translator = {
  readonly language: Language;
  /** A message as plain text. */
  t(key: MessageKey, values?: Values): string;
  /** A message with rich parts: values that are elements (a <Time>) and tags rendered by functions. */
  rich<T>(key: MessageKey, values: Record<string, PrimitiveType | T | TagRenderer<T>>): (string | T)[];
  /** A UTC instant as text in UTC: "2026-11-29 14:05 UTC" in English, "29.11.2026, 14:05 UTC" in German. */
  utcText(iso: string, format?: TimeFormat): string;
  /** An uptime fraction floored to two decimals: "99.95%" in English, "99,95 %" in German and Spanish; null stays null. */
  uptimePercent(fraction: number | null): string | null;
  /** "2026-11" → "November 2026" / "Nov 2026", in the language's words. */
  monthText(month: string, style: "long" | "short"): string;
};

/**
 * English keeps the ISO-like "2026-11-29 14:05 UTC" the page has always shown (sortable, the same
 * for every English reader, whichever side of the Atlantic); other languages use their own order
 * and separators from Intl.
 */
function utcFormatter(language: Language): (iso: string, format: TimeFormat) => string {
  if (language === "en") {
    return (iso, format) => {
      const text = iso.slice(0, 16).replace("T", " ");
      if (format === "date") return text.slice(0, 10);
      if (format === "time") return `${text.slice(11)} UTC`;
      return `${text} UTC`;
    };
  }
  const formats: Record<TimeFormat, Intl.DateTimeFormat> = {
    datetime: new Intl.DateTimeFormat(language, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }),
    date: new Intl.DateTimeFormat(language, { dateStyle: "medium", timeZone: "UTC" }),
    time: new Intl.DateTimeFormat(language, { timeStyle: "short", timeZone: "UTC" }),
  };
  return (iso, format) => {
    const text = formats[format].format(Date.parse(iso));
    return format === "date" ? text : `${text} UTC`;
  };
}

function createTranslator(language: Language): Translator {
  const catalog = CATALOGS[language];
  const compiled = new Map<MessageKey, IntlMessageFormat>();
  const message = (key: MessageKey) => {
    let format = compiled.get(key);
    if (!format) compiled.set(key, (format = new IntlMessageFormat(catalog[key], language)));
    return format;
  };
  const utc = utcFormatter(language);
  const percent = new Intl.NumberFormat(language, { style: "percent", minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const months = {
    long: new Intl.DateTimeFormat(language === "en" ? "en-US" : language, { month: "long", year: "numeric", timeZone: "UTC" }),
    short: new Intl.DateTimeFormat(language === "en" ? "en-US" : language, { month: "short", year: "numeric", timeZone: "UTC" }),
  };
  return {
    language,
    t: (key, values) => {
      const out = message(key).format(values);
      return Array.isArray(out) ? out.join("") : String(out);
    },
    rich: <T,>(key: MessageKey, values: Record<string, PrimitiveType | T | TagRenderer<T>>) => {
      const out = message(key).format<T>(values);
      return Array.isArray(out) ? out : [out];
    },
    utcText: (iso, format = "datetime") => utc(iso, format),
    uptimePercent: (fraction) => {
      const english = formatUptimePercent(fraction);
      // The English text is already floored; other languages format that same figure their way.
      return language === "en" || english === null ? english : percent.format(Number.parseFloat(english) / 100);
    },
    monthText: (month, style) => months[style].format(Date.parse(`${month}-01T00:00:00Z`)),
  };
}

const translators = new Map<Language, Translator>();

export function translator(language: Language): Translator {
  let found = translators.get(language);
  if (!found) translators.set(language, (found = createTranslator(language)));
  return found;
}

/** Every supported language's translator (catalog tests, per-language stylesheet rules). */
export const allTranslators = (): Translator[] => LANGUAGES.map(translator);
