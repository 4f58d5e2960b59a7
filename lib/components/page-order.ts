// The one order of groups and components, wherever they are listed — the public page, /uptime, the
// console's lists and choices, and the up/down buttons: components without a group first, then each
// group by position (then name); inside, components by position (then name). Pure.

export type Ordered = { id: string; name: string; position: number };
export type OrderedComponent = Ordered & { groupId: string | null };

export function byPageOrder(a: Ordered, b: Ordered): number {
  return a.position - b.position || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Every group (empty ones too) with its components, ungrouped ones (and those of an unknown group) first as `group: null`. */
export function inPageOrder<G extends Ordered, C extends OrderedComponent>(groups: readonly G[], components: readonly C[]): { group: G | null; components: C[] }[] {
  const known = new Set(groups.map((g) => g.id));
  const sorted = components.toSorted(byPageOrder);
  const ungrouped = sorted.filter((c) => c.groupId === null || !known.has(c.groupId));
  const grouped = groups.toSorted(byPageOrder).map((group) => ({ group, components: sorted.filter((c) => c.groupId === group.id) }));
  return ungrouped.length > 0 ? [{ group: null, components: ungrouped }, ...grouped] : grouped;
}

/** The components in page order, as one list (choices, tables). */
export function componentsInPageOrder<C extends OrderedComponent>(groups: readonly Ordered[], components: readonly C[]): C[] {
  return inPageOrder(groups, components).flatMap((entry) => entry.components);
}

/**
 * `list` (in page order) with the item `id` swapped with its neighbour above or below, as the
 * positions each item should have (0, 1, 2…); null when it is already first or last. Renumbering
 * the whole list makes the swap visible even where positions tie (every seeded row at 0).
 */
export function swapWithNeighbour<T extends Ordered>(list: readonly T[], id: string, direction: "up" | "down"): { item: T; position: number }[] | null {
  const index = list.findIndex((item) => item.id === id);
  const other = direction === "up" ? index - 1 : index + 1;
  if (index < 0 || other < 0 || other >= list.length) return null;
  const order = [...list];
  [order[index], order[other]] = [order[other]!, order[index]!];
  return order.map((item, position) => ({ item, position }));
}
