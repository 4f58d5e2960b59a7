// The public page's backgrounds in its two themes: app/(public)/_views/public-css.ts draws with
// them, and an accent colour is checked for contrast against them (schemas.ts). Pure.

export const THEME_BACKGROUNDS = {
  light: { background: "#ffffff", card: "#f6f8fa" },
  dark: { background: "#0d1117", card: "#161b22" },
} as const;

export type Theme = keyof typeof THEME_BACKGROUNDS;

/** The page's own link colour in each theme, used while no accent colour is set. */
export const DEFAULT_ACCENT = { light: "#0969da", dark: "#58a6ff" } as const;
