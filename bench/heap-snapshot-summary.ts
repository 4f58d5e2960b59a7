// What a V8 heap snapshot (.heapsnapshot, as v8.writeHeapSnapshot writes it) holds, by constructor:
// objects and their own (shallow) bytes, grouped by node type and name ("object:Map", "closure:probe").
// bench:heap compares two of them to find the objects that grow with the number of monitors.

export type HeapSnapshot = {
  snapshot: { meta: { node_fields: string[]; node_types: unknown[] } };
  nodes: number[];
  strings: string[];
};

export type ConstructorTotals = Map<string, { count: number; bytes: number }>;

export function summarizeHeapSnapshot(heap: HeapSnapshot): ConstructorTotals {
  const fields = heap.snapshot.meta.node_fields;
  const types = heap.snapshot.meta.node_types[0] as string[];
  const [typeAt, nameAt, sizeAt] = ["type", "name", "self_size"].map((field) => fields.indexOf(field)) as [number, number, number];
  const totals: ConstructorTotals = new Map();
  for (let node = 0; node < heap.nodes.length; node += fields.length) {
    const type = types[heap.nodes[node + typeAt]!] ?? "unknown";
    // Strings and numbers are named by their content: group them by type alone.
    const name = type === "object" || type === "closure" || type === "native" ? heap.strings[heap.nodes[node + nameAt]!] : "";
    const key = name ? `${type}:${name}` : type;
    const entry = totals.get(key) ?? { count: 0, bytes: 0 };
    entry.count += 1;
    entry.bytes += heap.nodes[node + sizeAt]!;
    totals.set(key, entry);
  }
  return totals;
}

/** The constructors whose bytes grew most from `before` to `after`, per unit of `per` (e.g. per monitor added). */
export function topGrowth(before: ConstructorTotals, after: ConstructorTotals, per: number, limit = 12) {
  return [...after]
    .map(([key, { count, bytes }]) => ({
      key,
      objectsPer: (count - (before.get(key)?.count ?? 0)) / per,
      bytesPer: (bytes - (before.get(key)?.bytes ?? 0)) / per,
    }))
    .sort((a, b) => b.bytesPer - a.bytesPer)
    .slice(0, limit);
}
