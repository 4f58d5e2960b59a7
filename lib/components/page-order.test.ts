import { describe, expect, it } from "vitest";
import { componentsInPageOrder, inPageOrder, swapWithNeighbour } from "./page-order";

const group = (id: string, position: number, name = id) => ({ id, name, position });
const component = (id: string, groupId: string | null, position: number, name = id) => ({ id, name, position, groupId });

describe("page order", () => {
  it("ungrouped first, then groups by position then name, components inside by position then name — never mixed", () => {
    const groups = [group("g-late", 5), group("b-tie", 1), group("a-tie", 1)];
    const components = [component("x", "g-late", 0), component("y", "a-tie", 2), component("z", "b-tie", 0), component("w", null, 3), component("v", "a-tie", 2, "a first by name"), component("u", "gone", 0)];
    expect(inPageOrder(groups, components).map((entry) => [entry.group?.id ?? null, entry.components.map((c) => c.id)])).toEqual([
      [null, ["u", "w"]],
      ["a-tie", ["v", "y"]],
      ["b-tie", ["z"]],
      ["g-late", ["x"]],
    ]);
    expect(componentsInPageOrder(groups, components).map((c) => c.id)).toEqual(["u", "w", "v", "y", "z", "x"]);
    expect(inPageOrder([group("empty", 0)], [])).toEqual([{ group: group("empty", 0), components: [] }]);
  });

  it("swaps an item with its neighbour and renumbers, even where positions tie; none past either end", () => {
    const list = [group("a", 0), group("b", 0), group("c", 0)];
    expect(swapWithNeighbour(list, "b", "up")!.map(({ item, position }) => [item.id, position])).toEqual([["b", 0], ["a", 1], ["c", 2]]);
    expect(swapWithNeighbour(list, "b", "down")!.map(({ item, position }) => [item.id, position])).toEqual([["a", 0], ["c", 1], ["b", 2]]);
    expect(swapWithNeighbour(list, "a", "up")).toBeNull();
    expect(swapWithNeighbour(list, "c", "down")).toBeNull();
    expect(swapWithNeighbour(list, "nope", "up")).toBeNull();
  });
});
