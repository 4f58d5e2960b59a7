// Every catalog says everything English says, with the same arguments, in valid ICU MessageFormat.
import IntlMessageFormat from "intl-messageformat";
import { describe, expect, it } from "vitest";
import { LANGUAGES } from "./languages";
import { CATALOGS, translator } from "./translator";

type Element = { type: number; value?: string; options?: Record<string, { value: Element[] }>; children?: Element[] };

/** The arguments and tags a message uses, e.g. ["count", "name", "<b>"]. */
function argumentsOf(message: string, language: string): string[] {
  const names = new Set<string>();
  const walk = (elements: Element[]) => {
    for (const element of elements) {
      // 0 literal, 7 pound: no name; 8 tag.
      if (element.type === 8) names.add(`<${element.value}>`);
      else if (element.type !== 0 && element.type !== 7 && element.value) names.add(element.value);
      for (const option of Object.values(element.options ?? {})) walk(option.value);
      walk(element.children ?? []);
    }
  };
  walk(new IntlMessageFormat(message, language).getAst() as Element[]);
  return [...names].sort();
}

describe("message catalogs", () => {
  const english = CATALOGS.en;

  it.each(LANGUAGES.filter((l) => l !== "en"))("%s has every English key and no other", (language) => {
    expect(Object.keys(CATALOGS[language]).sort()).toEqual(Object.keys(english).sort());
  });

  it.each(LANGUAGES)("%s: every message parses and uses the English message's arguments", (language) => {
    for (const [key, message] of Object.entries(CATALOGS[language])) {
      const englishMessage = english[key as keyof typeof english];
      // Two English messages stand for a helper's result; the translations name the page instead.
      if (key === "home.title" || key === "email.updatesOf") {
        expect(() => argumentsOf(message, language), key).not.toThrow();
        continue;
      }
      expect(argumentsOf(message, language), `${language} ${key}`).toEqual(argumentsOf(englishMessage, "en"));
    }
  });

  it("is not English in disguise: status words are translated", () => {
    expect(translator("de").t("componentStatus.operational")).toBe("Betriebsbereit");
    expect(translator("es").t("componentStatus.operational")).toBe("Operativo");
    expect(translator("de").t("days.major_outage", { count: 1 })).toBe("1 Tag mit schwerem Ausfall");
    expect(translator("es").t("days.operational", { count: 2 })).toBe("2 días operativos");
  });

  it("formats UTC times in each language's order, English as before", () => {
    const iso = "2026-11-29T14:05:00.000Z";
    expect(translator("en").utcText(iso)).toBe("2026-11-29 14:05 UTC");
    expect(translator("en").utcText(iso, "date")).toBe("2026-11-29");
    expect(translator("de").utcText(iso)).toBe("29.11.2026, 14:05 UTC");
    expect(translator("es").utcText(iso, "time")).toBe("14:05 UTC");
    expect(translator("de").monthText("2026-03", "long")).toBe("März 2026");
    expect(translator("en").uptimePercent(0.99956)).toBe("99.95%");
    expect(translator("de").uptimePercent(0.99956)).toBe("99,95\u00a0%");
    expect(translator("es").uptimePercent(1)).toBe("100,00\u00a0%");
    expect(translator("es").monthText("2026-03", "long")).toBe("marzo de 2026");
  });
});
