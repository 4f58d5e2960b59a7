/** @jsxImportSource preact */
// The translator a page is rendered with, handed down by context so every part can ask for it:
// `renderPage(page, t)` provides it; parts call `useT()`.
import { createContext, type VNode } from "preact";
import { useContext } from "preact/hooks";
import type { Translator } from "@/lib/i18n/translator";

const TranslatorContext = createContext<Translator | null>(null);

export function TranslatorProvider({ t, children }: { t: Translator; children: VNode }) {
  return <TranslatorContext.Provider value={t}>{children}</TranslatorContext.Provider>;
}

export function useT(): Translator {
  const t = useContext(TranslatorContext);
  // A view rendered without renderPage is a programming error, not a visitor's.
  if (!t) throw new Error("public view rendered without a translator (use renderPage)");
  return t;
}
