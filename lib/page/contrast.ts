// WCAG 2.x contrast: relative luminance of an sRGB colour and the ratio of two of them
// (https://www.w3.org/TR/WCAG22/#dfn-contrast-ratio). Pure.

/** AA for normal text (WCAG 1.4.3). */
export const AA_TEXT_CONTRAST = 4.5;

/** "#rrggbb" (any case) → [r, g, b] in 0-255; null for anything else. */
export function parseHexColour(hex: string): [number, number, number] | null {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) return null;
  return [Number.parseInt(match[1]!, 16), Number.parseInt(match[2]!, 16), Number.parseInt(match[3]!, 16)];
}

export function relativeLuminance([r, g, b]: readonly [number, number, number]): number {
  const linear = (channel: number) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** The contrast ratio of two "#rrggbb" colours, from 1 (none) to 21 (black on white). */
export function contrastRatio(a: string, b: string): number {
  const first = parseHexColour(a);
  const second = parseHexColour(b);
  if (!first || !second) throw new Error(`not a #rrggbb colour: ${first ? b : a}`);
  const [light, dark] = [relativeLuminance(first), relativeLuminance(second)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** "4.48:1" — rounded down, so a colour shown as passing never fails by rounding. */
export function formatRatio(ratio: number): string {
  return `${(Math.floor(ratio * 100) / 100).toFixed(2)}:1`;
}
