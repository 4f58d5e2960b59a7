// The languages the public page, the subscription pages and subscriber emails are written in.
// Adding one: a catalog in messages/, its entry in CATALOGS (translator.ts) and here (docs/translations.md).
import { z } from "zod";

export const LANGUAGES = ["en", "de", "es"] as const;
export const Language = z.enum(LANGUAGES);
export type Language = z.output<typeof Language>;

export const DEFAULT_LANGUAGE: Language = "en";

/** Each language in its own words, for pickers. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: "English", de: "Deutsch", es: "Español" };

export function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}

/** A page's language; a status snapshot persisted before languages existed has none: the default. */
export function pageLanguage(page: { language?: Language }): Language {
  return page.language ?? DEFAULT_LANGUAGE;
}
