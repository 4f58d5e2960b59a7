// Comparing stored JSON with wanted JSON by meaning: jsonb does not keep key order.
/** JSON with sorted keys: jsonb does not keep key order, so compare meaning, not spelling. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_, item: unknown) =>
    item && typeof item === "object" && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );
}
