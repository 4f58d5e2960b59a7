import { describe, expect, it } from "vitest";
import { chooseLanguage, parseAcceptLanguage, preferredLanguage } from "./negotiate-language";

describe("Accept-Language", () => {
  it("parses ranges with q-values, highest first, ties in header order, malformed parts skipped", () => {
    expect(parseAcceptLanguage("fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5")).toEqual([
      { range: "fr-ch", q: 1 },
      { range: "fr", q: 0.9 },
      { range: "en", q: 0.8 },
      { range: "de", q: 0.7 },
      { range: "*", q: 0.5 },
    ]);
    expect(parseAcceptLanguage("es;q=0.2, DE")).toEqual([
      { range: "de", q: 1 },
      { range: "es", q: 0.2 },
    ]);
    expect(parseAcceptLanguage("de;q=2, <script>, en;q=abc, es")).toEqual([{ range: "es", q: 1 }]);
  });

  it("picks the most preferred supported language, regions and case aside", () => {
    expect(preferredLanguage("de-AT,de;q=0.9,en;q=0.5")).toBe("de");
    expect(preferredLanguage("fr-FR, es-MX;q=0.8, en;q=0.7")).toBe("es");
    expect(preferredLanguage("en;q=0.3, ES;q=0.9")).toBe("es");
    expect(preferredLanguage("en-GB")).toBe("en");
  });

  it("names none for unsupported languages, a wildcard, an empty or missing header", () => {
    expect(preferredLanguage("fr, it;q=0.5")).toBeNull();
    expect(preferredLanguage("*")).toBeNull();
    expect(preferredLanguage("")).toBeNull();
    expect(preferredLanguage(null)).toBeNull();
  });

  it("honours q=0 as a refusal", () => {
    expect(preferredLanguage("de;q=0, es;q=0.1")).toBe("es");
    expect(preferredLanguage("de, de;q=0")).toBeNull();
  });

  it("lets ?lang= win over the header, and the header over the page's setting", () => {
    const request = (url: string, accept?: string) => new Request(url, { headers: accept ? { "Accept-Language": accept } : {} });
    expect(chooseLanguage(request("http://x/?lang=es", "de"), "en")).toBe("es");
    expect(chooseLanguage(request("http://x/?lang=xx", "de"), "en")).toBe("de");
    expect(chooseLanguage(request("http://x/", "fr"), "es")).toBe("es");
    expect(chooseLanguage(request("http://x/"), "de")).toBe("de");
  });
});
