import { describe, expect, it } from "vitest";
import type { CheckState, MonitorState } from "../generated/prisma/enums";
import {
  combineRegionStates,
  countStateChanges,
  effectiveCheckState,
  evaluateMonitorState,
  initialMonitorStateMemory,
  MonitorStateMemory,
  quorumOf,
  readMonitorStateMemory,
  staleAfterMs,
  type MonitorStateEvaluation,
  type MonitorStateSettings,
  type RegionCheckResult,
} from "./monitor-state";

const T0 = Date.parse("2026-11-29T10:00:00.000Z");
const INTERVAL_MS = 60_000;
/** A check finishes this long after its slot. */
const LATENCY_MS = 2_000;

function settings(overrides: Partial<MonitorStateSettings> = {}): MonitorStateSettings {
  return { intervalSeconds: 60, failureThreshold: 3, recoveryThreshold: 2, quorum: null, regions: ["local"], ...overrides };
}

const LETTER_STATE: Record<string, CheckState> = { u: "up", g: "degraded", d: "down" };
const STATE_LETTER: Record<MonitorState, string> = { up: "U", degraded: "G", down: "D", unknown: "?" };
const DEFAULT_REASONS: Record<CheckState, string[]> = { up: ["ok"], degraded: ["latency_high"], down: ["timeout"] };

function slotAt(slot: number): Date {
  return new Date(T0 + slot * INTERVAL_MS);
}

function check(region: string, slot: number, state: CheckState, reasonCodes: string[] = DEFAULT_REASONS[state]): RegionCheckResult {
  return { region, slotAt: slotAt(slot), checkedAt: new Date(T0 + slot * INTERVAL_MS + LATENCY_MS), state, reasonCodes };
}

/** Results of one region from a letter sequence ("uudg"), one per slot starting at `firstSlot`. */
function checks(region: string, letters: string, firstSlot = 0): RegionCheckResult[] {
  return [...letters].map((letter, i) => check(region, firstSlot + i, LETTER_STATE[letter]!));
}

/** Feeds results one evaluation at a time, `now` just after each check; returns every evaluation. */
function feed(
  results: readonly RegionCheckResult[],
  options: { settings?: MonitorStateSettings; memory?: MonitorStateMemory; canaryBroken?: Record<string, boolean> } = {},
): MonitorStateEvaluation[] {
  let memory = options.memory ?? initialMonitorStateMemory();
  const evaluations: MonitorStateEvaluation[] = [];
  for (const result of results) {
    const evaluation = evaluateMonitorState({
      settings: options.settings ?? settings(),
      memory,
      results: [result],
      canaryBroken: options.canaryBroken,
      now: result.checkedAt,
    });
    evaluations.push(evaluation);
    memory = evaluation.memory;
  }
  return evaluations;
}

function letters(evaluations: readonly MonitorStateEvaluation[]): string {
  return evaluations.map((evaluation) => STATE_LETTER[evaluation.state]).join("");
}

function last<T>(items: readonly T[]): T {
  const item = items.at(-1);
  if (item === undefined) throw new Error("empty");
  return item;
}

describe("one region: hysteresis (N = 3 to fail, M = 2 to recover)", () => {
  it.each([
    // results      confirmed state after each result
    ["u", "?"],
    ["uu", "?U"],
    ["ddd", "??D"],
    ["ggg", "?GG"], // leaving unknown: M results that are not down confirm degraded
    ["uudd", "?UUU"],
    ["uuddd", "?UUUD"],
    ["uududdu", "?UUUUUU"], // no three downs in a row
    ["uudddu", "?UUUDD"],
    ["uuddduu", "?UUUDDU"],
    ["uuddduduu", "?UUUDDDDU"], // one success is not a recovery
    ["uuggg", "?UUUG"],
    ["uuggd", "?UUUG"], // three degraded-or-worse
    ["uuddg", "?UUUG"],
    ["uugggdd", "?UUUGGG"],
    ["uugggddd", "?UUUGGGD"], // a down streak wins over degraded
    ["uudddgg", "?UUUDDG"], // responding again, but slow: down → degraded
    ["uudddug", "?UUUDDG"],
    ["uudddgguu", "?UUUDDGGU"],
    ["uugggu", "?UUUGG"],
    ["uuggguu", "?UUUGGU"],
    ["uugggdu", "?UUUGGG"], // degraded stays until two clean checks
    ["uugudgu", "?UUUUUU"],
  ])("%s → %s", (results, expected) => {
    expect(letters(feed(checks("local", results)))).toBe(expected);
  });

  it.each([
    [1, 1, "uduud", "UDUUD"],
    [2, 1, "uddudd", "UUDUUD"],
    [5, 3, "uuudddddduuu", "??UUUUUDDDDU"],
  ])("N = %i, M = %i: %s → %s", (failureThreshold, recoveryThreshold, results, expected) => {
    const evaluations = feed(checks("local", results), { settings: settings({ failureThreshold, recoveryThreshold }) });
    expect(letters(evaluations)).toBe(expected);
  });

  it("treats thresholds below 1 as 1", () => {
    const evaluations = feed(checks("local", "udu"), { settings: settings({ failureThreshold: 0, recoveryThreshold: -2 }) });
    expect(letters(evaluations)).toBe("UDU");
  });

  it("reports changes and the last known state", () => {
    const evaluations = feed(checks("local", "uuddd"));
    expect(evaluations.map((evaluation) => evaluation.changed)).toEqual([false, true, false, false, true]);
    expect(last(evaluations)).toMatchObject({ previousState: "up", state: "down", lastKnownState: "down" });
  });
});

describe("reason codes", () => {
  it.each<[string, RegionCheckResult[], MonitorState, string[]]>([
    ["up has none", checks("local", "uu"), "up", []],
    [
      "down: the latest down result's codes",
      [check("local", 0, "down", ["dns"]), check("local", 1, "down", ["timeout"]), check("local", 2, "down", ["connection_refused", "tls_expired"])],
      "down",
      ["connection_refused", "tls_expired"],
    ],
    ["degraded: the latest degraded result's codes", checks("local", "uuggg"), "degraded", ["latency_high"]],
    [
      "degraded through mixed results",
      [...checks("local", "uu"), check("local", 2, "degraded", ["latency_high"]), check("local", 3, "down", ["timeout"]), check("local", 4, "down", ["timeout"])],
      "degraded",
      ["latency_high"],
    ],
    ["unknown has none", checks("local", "dd"), "unknown", []],
    [
      "ok and cert_expiring_soon are never reasons",
      [check("local", 0, "down", ["ok", "timeout", "cert_expiring_soon"]), check("local", 1, "down"), check("local", 2, "down", ["ok", "timeout", "cert_expiring_soon"])],
      "down",
      ["timeout"],
    ],
  ])("%s", (_, results, state, reasonCodes) => {
    const evaluation = last(feed(results));
    expect(evaluation.state).toBe(state);
    expect(evaluation.reasonCodes).toEqual(reasonCodes);
  });

  it("unites the codes of the regions behind the verdict, in region order, without repeats", () => {
    const regions = ["eu", "us", "ap"];
    const results = [0, 1, 2].flatMap((slot) => [
      check("eu", slot, "down", ["timeout"]),
      check("us", slot, "down", ["connection_refused", "timeout"]),
      check("ap", slot, "up"),
    ]);
    const evaluation = evaluateMonitorState({
      settings: settings({ regions }),
      memory: initialMonitorStateMemory(),
      results,
      now: new Date(T0 + 2 * INTERVAL_MS + LATENCY_MS),
    });
    expect(evaluation.state).toBe("down");
    expect(evaluation.reasonCodes).toEqual(["timeout", "connection_refused"]);
  });
});

describe("certificate warnings are not downtime", () => {
  it.each<[CheckState, string[], CheckState]>([
    ["up", ["ok"], "up"],
    ["up", ["ok", "cert_expiring_soon"], "up"],
    ["up", ["cert_expiring_soon"], "up"],
    // A classifier that wrongly failed a result for a warning alone does not cause downtime.
    ["down", ["cert_expiring_soon"], "up"],
    ["degraded", ["cert_expiring_soon"], "up"],
    ["down", ["cert_expiring_soon", "tls_expired"], "down"],
    ["down", ["tls_expired"], "down"],
    ["degraded", ["latency_high", "cert_expiring_soon"], "degraded"],
    ["down", [], "down"],
  ])("%s with %j counts as %s", (state, reasonCodes, expected) => {
    expect(effectiveCheckState({ state, reasonCodes })).toBe(expected);
  });

  it("keeps a monitor up through checks that only warn about the certificate", () => {
    const results = [0, 1, 2, 3, 4].map((slot) => check("local", slot, "up", ["ok", "cert_expiring_soon"]));
    const evaluations = feed(results);
    expect(letters(evaluations)).toBe("?UUUU");
    expect(last(evaluations).reasonCodes).toEqual([]);
  });
});

describe("no recent data: unknown, never up by silence", () => {
  const upMemory = last(feed(checks("local", "uu"))).memory;
  const lastCheckedAt = T0 + INTERVAL_MS + LATENCY_MS;

  it.each([
    [0, "up"],
    [INTERVAL_MS, "up"],
    [2 * INTERVAL_MS, "up"], // one missed slot is tolerated
    [2 * INTERVAL_MS + 1, "unknown"],
    [7 * 24 * 3600_000, "unknown"],
  ])("%i ms after the latest result the monitor is %s", (ageMs, state) => {
    const evaluation = evaluateMonitorState({ settings: settings(), memory: upMemory, results: [], now: new Date(lastCheckedAt + ageMs) });
    expect(evaluation.state).toBe(state);
    expect(evaluation.lastKnownState).toBe("up");
    expect(evaluation.changed).toBe(state !== "up");
  });

  it("a down monitor that falls silent is unknown, and remembers it was down", () => {
    const downMemory = last(feed(checks("local", "ddd"))).memory;
    const evaluation = evaluateMonitorState({ settings: settings(), memory: downMemory, results: [], now: new Date(T0 + 10 * INTERVAL_MS) });
    expect(evaluation).toMatchObject({ state: "unknown", previousState: "down", changed: true, lastKnownState: "down", reasonCodes: [] });
  });

  it("a monitor with no results at all is unknown", () => {
    const evaluation = evaluateMonitorState({ settings: settings(), memory: initialMonitorStateMemory(), results: [], now: new Date(T0) });
    expect(evaluation).toMatchObject({ state: "unknown", changed: false, lastKnownState: null });
  });

  it("a monitor without regions is unknown", () => {
    const evaluation = evaluateMonitorState({ settings: settings({ regions: [] }), memory: initialMonitorStateMemory(), results: checks("local", "uuu"), now: new Date(T0 + 3 * INTERVAL_MS) });
    expect(evaluation.state).toBe("unknown");
  });

  it.each([
    // slots missed between the up streak and the downs, expected states for the downs
    [0, "UUD"],
    [1, "UUD"], // one missed slot: still consecutive
    [2, "??D"], // two missed: the region starts over and needs N fresh failures
    [30, "??D"],
  ])("after %i missed slots, three downs read %s", (missed, expected) => {
    const before = checks("local", "uuuu");
    const after = checks("local", "ddd", before.length + missed);
    const evaluations = feed([...before, ...after]);
    expect(letters(evaluations.slice(before.length))).toBe(expected);
  });

  it("after a long gap a single success is not yet up", () => {
    const evaluations = feed([...checks("local", "ddd"), ...checks("local", "uu", 20)]);
    expect(letters(evaluations)).toBe("??D?U");
  });

  it("staleness is two intervals", () => {
    expect(staleAfterMs({ intervalSeconds: 30 })).toBe(60_000);
  });
});

describe("re-applied and out-of-order results", () => {
  const results = checks("local", "uudddgu");

  it("ignores a batch applied twice", () => {
    const first = evaluateMonitorState({ settings: settings(), memory: initialMonitorStateMemory(), results, now: last(results).checkedAt });
    const again = evaluateMonitorState({ settings: settings(), memory: first.memory, results, now: last(results).checkedAt });
    expect(again.memory).toEqual(first.memory);
    expect(again.changed).toBe(false);
    expect(again.state).toBe(first.state);
  });

  it("ignores a result for a slot older than the last applied one", () => {
    const down = last(feed(checks("local", "ddd"))).memory;
    const late = evaluateMonitorState({ settings: settings(), memory: down, results: [check("local", 1, "up")], now: new Date(T0 + 2 * INTERVAL_MS + LATENCY_MS) });
    expect(late.memory).toEqual(down);
    expect(late.state).toBe("down");
  });

  it("applies a shuffled batch in slot order, as if fed one by one", () => {
    const regions = ["eu", "us"];
    const all = [...checks("eu", "uudddguu"), ...checks("us", "uuddduuu")];
    const shuffled = [5, 12, 0, 3, 15, 7, 9, 1, 14, 2, 11, 6, 13, 4, 10, 8].map((i) => all[i]!);
    const oneBatch = evaluateMonitorState({
      settings: settings({ regions }),
      memory: initialMonitorStateMemory(),
      results: shuffled,
      now: new Date(T0 + 7 * INTERVAL_MS + LATENCY_MS),
    });
    const bySlot = [...all].sort((a, b) => a.slotAt.getTime() - b.slotAt.getTime() || a.region.localeCompare(b.region));
    const oneByOne = last(feed(bySlot, { settings: settings({ regions }) }));
    expect(oneBatch.memory).toEqual(oneByOne.memory);
  });

  it("ignores results of regions the monitor is not configured for, and forgets removed regions", () => {
    const memory = last(feed([...checks("local", "uu"), ...checks("old", "uu")], { settings: settings({ regions: ["local", "old"] }) })).memory;
    const evaluation = evaluateMonitorState({
      settings: settings(),
      memory,
      results: checks("stranger", "ddd", 2),
      now: new Date(T0 + 2 * INTERVAL_MS),
    });
    expect(Object.keys(evaluation.memory.regions)).toEqual(["local"]);
    expect(evaluation.state).toBe("up");
  });
});

describe("quorum", () => {
  it.each([
    [1, null, 1],
    [2, null, 1],
    [3, null, 2],
    [4, null, 2],
    [5, null, 3],
    [3, 1, 1],
    [3, 3, 3],
    [3, 0, 1], // never zero: every blip would be an outage
    [3, 9, 3], // never more than the regions: an outage would be impossible
    [0, null, 1],
  ])("%i regions, quorum %s → %i", (count, quorum, expected) => {
    const regions = ["eu", "us", "ap", "sa", "af"].slice(0, count);
    expect(quorumOf({ regions, quorum })).toBe(expected);
  });

  it("counts duplicated regions once", () => {
    expect(quorumOf({ regions: ["eu", "eu", "us"], quorum: null })).toBe(1);
  });

  it.each<[MonitorState[], number, MonitorState]>([
    [["down", "down", "up"], 2, "down"],
    [["down", "up", "up"], 2, "up"], // one region's own trouble is not an outage
    [["down", "degraded", "up"], 2, "degraded"],
    [["degraded", "degraded", "up"], 2, "degraded"],
    [["down", "down", "down"], 2, "down"],
    [["up", "up", "up"], 2, "up"],
    // stale (unknown) regions count as not down...
    [["down", "unknown", "unknown"], 2, "unknown"],
    [["down", "down", "unknown"], 2, "down"],
    [["degraded", "down", "unknown"], 2, "degraded"],
    // ...and as not up: up only when they could not change the verdict
    [["up", "up", "unknown"], 2, "up"],
    [["up", "unknown", "unknown"], 2, "unknown"],
    [["down", "up", "unknown"], 2, "unknown"],
    [["unknown", "unknown", "unknown"], 2, "unknown"],
    [["up", "unknown", "unknown"], 3, "up"],
    [["down", "down", "unknown"], 3, "unknown"],
    [["down", "up"], 1, "down"],
    [["up", "unknown"], 1, "unknown"],
    [["up"], 1, "up"],
    [["down"], 1, "down"],
    [["degraded"], 1, "degraded"],
    [["unknown"], 1, "unknown"],
    [[], 1, "unknown"],
  ])("%j with quorum %i → %s", (states, quorum, expected) => {
    expect(combineRegionStates(states, quorum)).toBe(expected);
  });

  const regions = ["eu", "us", "ap"];
  const staleUp = (region: string) => checks(region, "uu", -100);

  it.each<[string, RegionCheckResult[], MonitorState]>([
    ["two of three down", [...checks("eu", "ddd"), ...checks("us", "ddd"), ...checks("ap", "uuu")], "down"],
    ["one of three down", [...checks("eu", "ddd"), ...checks("us", "uuu"), ...checks("ap", "uuu")], "up"],
    ["two down, the third stale", [...checks("eu", "ddd"), ...checks("us", "ddd"), ...staleUp("ap")], "down"],
    ["one down, two stale", [...checks("eu", "ddd"), ...staleUp("us"), ...staleUp("ap")], "unknown"],
    ["one down, one up, one stale", [...checks("eu", "ddd"), ...checks("us", "uuu"), ...staleUp("ap")], "unknown"],
    ["two up, one stale", [...checks("eu", "uuu"), ...checks("us", "uuu"), ...staleUp("ap")], "up"],
    ["one up, two stale", [...checks("eu", "uuu"), ...staleUp("us"), ...staleUp("ap")], "unknown"],
    ["one down, one degraded", [...checks("eu", "ddd"), ...checks("us", "ggg"), ...checks("ap", "uuu")], "degraded"],
    ["two down, not yet confirmed", [...checks("eu", "uudd"), ...checks("us", "uudd"), ...checks("ap", "uuuu")], "up"],
  ])("%s → %s", (_, results, expected) => {
    const evaluation = evaluateMonitorState({
      settings: settings({ regions }),
      memory: initialMonitorStateMemory(),
      results,
      now: new Date(T0 + 3 * INTERVAL_MS),
    });
    expect(evaluation.state).toBe(expected);
  });

  it("reports each region's verdict", () => {
    const evaluation = evaluateMonitorState({
      settings: settings({ regions }),
      memory: initialMonitorStateMemory(),
      results: [...checks("eu", "ddd"), ...checks("us", "uuu"), ...staleUp("ap")],
      canaryBroken: { us: true },
      now: new Date(T0 + 3 * INTERVAL_MS),
    });
    expect(evaluation.regions).toEqual([
      { region: "eu", state: "down", fresh: true, canaryBroken: false },
      { region: "us", state: "unknown", fresh: true, canaryBroken: true },
      { region: "ap", state: "unknown", fresh: false, canaryBroken: false },
    ]);
  });
});

describe("self-check canary", () => {
  it("a single region whose canary is broken never takes the monitor down", () => {
    const evaluations = feed(checks("local", "uuddddd"), { canaryBroken: { local: true } });
    expect(letters(evaluations)).toBe("???????");
  });

  it("a broken region does not count towards the quorum", () => {
    const regions = ["eu", "us", "ap"];
    const results = [...checks("eu", "ddd"), ...checks("us", "ddd"), ...checks("ap", "uuu")];
    const evaluate = (canaryBroken: Record<string, boolean>) =>
      evaluateMonitorState({ settings: settings({ regions }), memory: initialMonitorStateMemory(), results, canaryBroken, now: new Date(T0 + 3 * INTERVAL_MS) }).state;
    expect(evaluate({})).toBe("down");
    expect(evaluate({ eu: false })).toBe("down");
    expect(evaluate({ eu: true })).toBe("unknown");
    expect(evaluate({ eu: true, us: true })).toBe("unknown");
  });

  it("a region whose canary breaks after it confirmed down stops counting at once", () => {
    const memory = last(feed(checks("local", "ddd"))).memory;
    const evaluation = evaluateMonitorState({ settings: settings(), memory, results: [], canaryBroken: { local: true }, now: new Date(T0 + 3 * INTERVAL_MS) });
    expect(evaluation.state).toBe("unknown");
  });

  it("after the canary recovers, the region needs fresh evidence", () => {
    const up = last(feed(checks("local", "uu"))).memory;
    const broken = last(feed(checks("local", "ddd", 2), { memory: up, canaryBroken: { local: true } }));
    expect(broken.state).toBe("unknown");
    const recovered = feed(checks("local", "ddduu", 5), { memory: broken.memory });
    expect(letters(recovered)).toBe("??DDU");
  });

  it("re-applying results from the broken period changes nothing", () => {
    const results = checks("local", "ddd");
    const first = evaluateMonitorState({ settings: settings(), memory: initialMonitorStateMemory(), results, canaryBroken: { local: true }, now: new Date(T0 + 3 * INTERVAL_MS) });
    const again = evaluateMonitorState({ settings: settings(), memory: first.memory, results, now: new Date(T0 + 3 * INTERVAL_MS) });
    expect(again.memory).toEqual(first.memory);
    expect(again.state).toBe("unknown");
  });
});

describe("refused targets (blocked_address): unknown, never down", () => {
  const refused = (region: string, slot: number) => check(region, slot, "down", ["blocked_address"]);

  it("a monitor whose checks are refused never goes down", () => {
    expect(letters(feed([0, 1, 2, 3, 4].map((slot) => refused("local", slot))))).toBe("?????");
  });

  it("a monitor that was down turns unknown once its target is refused, and needs fresh evidence after", () => {
    const down = last(feed(checks("local", "ddd"))).memory;
    const afterRefusal = feed([refused("local", 3), ...checks("local", "uu", 4)], { memory: down });
    expect(letters(afterRefusal)).toBe("??U");
    expect(afterRefusal[0]!.reasonCodes).toEqual([]);
  });

  it("a refusing region is silent in the quorum", () => {
    const regions = ["eu", "us", "ap"];
    const results = [...checks("eu", "ddd"), ...checks("us", "ddd"), ...[0, 1, 2].map((slot) => refused("ap", slot))];
    const evaluation = evaluateMonitorState({ settings: settings({ regions }), memory: initialMonitorStateMemory(), results, now: new Date(T0 + 3 * INTERVAL_MS) });
    expect(evaluation.state).toBe("down");
    expect(evaluation.reasonCodes).toEqual(["timeout"]);
    expect(evaluation.regions.find((region) => region.region === "ap")?.state).toBe("unknown");
  });
});

describe("flapping", () => {
  it.each<[MonitorState[], number]>([
    [[], 0],
    [["up", "up"], 0],
    [["up", "down", "up"], 2],
    [["up", "unknown", "up"], 0], // silence is not the target changing
    [["up", "unknown", "down", "unknown", "down"], 1],
    [["unknown", "up", "degraded", "down"], 2],
  ])("%j has %i changes", (states, changes) => {
    expect(countStateChanges(states)).toBe(changes);
  });

  it("turns on at 6 changes in the last 21 checks and off once the window has settled to 3", () => {
    // N = M = 1 so every result is a confirmed change.
    const results = checks("local", `uuuuu${"du".repeat(3)}${"u".repeat(20)}`);
    const evaluations = feed(results, { settings: settings({ failureThreshold: 1, recoveryThreshold: 1 }) });
    const flappingAt = evaluations.flatMap((evaluation, i) => (evaluation.flapping ? [i] : []));
    // Changes at checks 5..10; the 6th (check 10) starts flapping; check 27 is the first whose window
    // (checks 7..27) holds only 3 of them.
    expect(flappingAt[0]).toBe(10);
    expect(last(flappingAt)).toBe(26);
    expect(flappingAt).toHaveLength(17);
    expect(last(evaluations).memory.history.states).toHaveLength(21);
  });

  it("counts confirmed changes, so raw alternation absorbed by the thresholds is not flapping", () => {
    const evaluations = feed(checks("local", `uu${"du".repeat(15)}`));
    expect(evaluations.every((evaluation) => evaluation.state === "up" || evaluation.state === "unknown")).toBe(true);
    expect(evaluations.some((evaluation) => evaluation.flapping)).toBe(false);
  });

  it("catches short outages that keep confirming and recovering", () => {
    // Down for 3 checks (confirmed), up for 2 (recovered), again and again.
    const evaluations = feed(checks("local", `uu${"ddduu".repeat(5)}`));
    expect(letters(evaluations)).toContain("DDUUUD");
    const firstFlapping = evaluations.findIndex((evaluation) => evaluation.flapping);
    // Changes at checks 4, 6, 9, 11, 14, 16: the 6th starts flapping.
    expect(firstFlapping).toBe(16);
  });

  it("a single clean outage is not flapping", () => {
    const evaluations = feed(checks("local", `uu${"d".repeat(10)}${"u".repeat(10)}`));
    expect(evaluations.some((evaluation) => evaluation.flapping)).toBe(false);
  });

  it("canary breakages do not count as flapping", () => {
    let memory = initialMonitorStateMemory();
    const settingsNow = settings({ failureThreshold: 1, recoveryThreshold: 1 });
    let flapping = false;
    for (let slot = 0; slot < 30; slot++) {
      const broken = slot % 2 === 1;
      const evaluation = evaluateMonitorState({
        settings: settingsNow,
        memory,
        results: [check("local", slot, broken ? "down" : "up")],
        canaryBroken: { local: broken },
        now: new Date(T0 + slot * INTERVAL_MS + LATENCY_MS),
      });
      memory = evaluation.memory;
      flapping ||= evaluation.flapping;
    }
    expect(flapping).toBe(false);
  });

  it("samples once per slot across regions", () => {
    const regions = ["eu", "us"];
    const evaluations = feed(
      [0, 1, 2].flatMap((slot) => [check("eu", slot, "up"), check("us", slot, "up")]),
      { settings: settings({ regions }) },
    );
    expect(last(evaluations).memory.history).toEqual({ states: "?uu", lastSlotAt: slotAt(2).getTime() });
  });
});

describe("memory", () => {
  it("survives a JSON round trip (it is stored as JSON on the monitor)", () => {
    const memory = last(feed(checks("local", "uudddgu"))).memory;
    const stored: unknown = JSON.parse(JSON.stringify(memory));
    expect(MonitorStateMemory.parse(stored)).toEqual(memory);
    expect(readMonitorStateMemory(stored)).toEqual(memory);
  });

  it.each([null, undefined, {}, "up", { version: 2 }, { ...initialMonitorStateMemory(), regions: { eu: { confirmed: "sideways" } } }])(
    "starts over from unreadable memory %j",
    (stored) => {
      expect(readMonitorStateMemory(stored)).toEqual(initialMonitorStateMemory());
      expect(readMonitorStateMemory(stored, "down")).toEqual(initialMonitorStateMemory("down"));
    },
  );

  it("initial memory of a monitor believed down remembers it", () => {
    expect(initialMonitorStateMemory("down")).toMatchObject({ state: "down", lastKnownState: "down" });
    expect(initialMonitorStateMemory()).toMatchObject({ state: "unknown", lastKnownState: null });
  });
});
