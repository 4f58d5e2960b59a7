// Monitor state: the pure state machine that turns a stream of check results into a monitor's
// confirmed state (up / degraded / down / unknown). No I/O and no clock: `now` is a parameter.
// The rules in words are in docs/status-rules.md; this header is the API.
//
//   evaluateMonitorState({ settings, memory, results, canaryBroken?, now }): MonitorStateEvaluation
//     Applies the new results (any order, any batch size; re-applied results are ignored) to the
//     memory and returns the next memory (store it as JSON on the Monitor row), the confirmed state,
//     whether it changed, the flapping flag, the reason codes behind a down/degraded state and a
//     verdict per configured region.
//   initialMonitorStateMemory(state?)          memory for a new monitor (or one whose memory is lost)
//   readMonitorStateMemory(json, fallback?)    parses stored JSON; invalid or missing → initial memory
//   MonitorStateMemory                         zod schema and type of the stored JSON
//   quorumOf(settings), staleAfterMs(settings) the derived numbers, for display and tests
//   combineRegionStates, effectiveCheckState, countStateChanges, FLAPPING_*   the rules' parts
//
// Per region: N consecutive down results confirm down, N consecutive degraded-or-down confirm
// degraded, M consecutive up results confirm up (hysteresis). Across regions: down/degraded needs
// `quorum` regions actually confirming it (silent regions never count towards an outage); up needs
// the silent regions to be unable to change the verdict, otherwise the monitor is unknown — never up
// by silence.
import { z } from "zod";
import { BLOCKED_ADDRESS } from "../checks/reason-codes";
import { MonitorState } from "../generated/prisma/enums";
import type { CheckState } from "../generated/prisma/enums";

// ---------------------------------------------------------------------------------------------
// Inputs and outputs

export type MonitorStateSettings = {
  intervalSeconds: number;
  /** N: consecutive failing checks that confirm down (or degraded). */
  failureThreshold: number;
  /** M: consecutive successful checks that confirm recovery. */
  recoveryThreshold: number;
  /** Regions that must confirm a failure; null means ⌈regions/2⌉. */
  quorum: number | null;
  regions: readonly string[];
};

/** One check result as stored (CheckResult row), reduced to what the state machine reads. */
export type RegionCheckResult = {
  region: string;
  slotAt: Date;
  checkedAt: Date;
  state: CheckState;
  reasonCodes: readonly string[];
};

export type MonitorStateInput = {
  settings: MonitorStateSettings;
  /** What the previous evaluation returned as `memory`. */
  memory: MonitorStateMemory;
  /** New results; results already applied (same or older slot per region) are ignored. */
  results: readonly RegionCheckResult[];
  /**
   * Regions whose probe network is broken right now (every monitor of that region's workers failed
   * at once, canary targets included). Their results in this call, and their current state, count
   * as unknown.
   */
  canaryBroken?: Readonly<Record<string, boolean>>;
  now: Date;
};

export type RegionVerdict = {
  region: string;
  /** The region's confirmed state as used for the quorum: unknown when stale or its canary is broken. */
  state: MonitorState;
  fresh: boolean;
  canaryBroken: boolean;
};

export type MonitorStateEvaluation = {
  memory: MonitorStateMemory;
  state: MonitorState;
  previousState: MonitorState;
  changed: boolean;
  /** The last state other than unknown: unknown → up after down is a recovery, after up it is not. */
  lastKnownState: KnownMonitorState | null;
  /** Hold notifications while true (see docs/status-rules.md, "Flapping"). */
  flapping: boolean;
  /** Reason codes behind a down or degraded state (deduplicated, region order); [] otherwise. */
  reasonCodes: string[];
  regions: RegionVerdict[];
};

export type KnownMonitorState = Exclude<MonitorState, "unknown">;

// ---------------------------------------------------------------------------------------------
// Stored memory (JSON on the Monitor row)

export const FLAPPING_WINDOW = 21;
/** Flapping starts at this many state changes within the window... */
export const FLAPPING_START_CHANGES = 6;
/** ...and stops once the window has settled to at most this many. */
export const FLAPPING_STOP_CHANGES = 3;
/** Streak counters stop growing here: only their relation to N and M matters. */
const STREAK_CAP = 10_000;

/** Times are epoch milliseconds: the memory is rewritten on every check, so it is kept small. */
const epochMs = z.int().min(0);
const streak = z.int().min(0);
const monitorState = z.enum(MonitorState);

const RegionMemory = z.object({
  confirmed: monitorState,
  /** Slot of the last applied result: results for this slot or older are ignored. */
  lastSlotAt: epochMs.nullable(),
  lastCheckedAt: epochMs.nullable(),
  downStreak: streak,
  degradedOrWorseStreak: streak,
  degradedOrBetterStreak: streak,
  upStreak: streak,
  /** Reason codes of the latest down result, and of the latest degraded result. */
  downReasonCodes: z.array(z.string()),
  degradedReasonCodes: z.array(z.string()),
});
type RegionMemory = z.infer<typeof RegionMemory>;

/** One letter per confirmed state in the flapping history. */
const STATE_LETTER: Record<MonitorState, string> = { up: "u", degraded: "g", down: "d", unknown: "?" };
const LETTER_STATE: Readonly<Record<string, MonitorState>> = { u: "up", g: "degraded", d: "down", "?": "unknown" };

/** The monitor's confirmed state after each check slot, oldest first, one letter per slot. */
const StateHistory = z.object({
  states: z.string().regex(/^[ugd?]*$/).max(FLAPPING_WINDOW),
  /** Slot of the newest letter: a later result for that slot replaces it, an older one adds none. */
  lastSlotAt: epochMs.nullable(),
});
type StateHistory = z.infer<typeof StateHistory>;

export const MonitorStateMemory = z.object({
  version: z.literal(2),
  state: monitorState,
  lastKnownState: z.enum(["up", "degraded", "down"]).nullable(),
  flapping: z.boolean(),
  regions: z.record(z.string(), RegionMemory),
  history: StateHistory,
});
export type MonitorStateMemory = z.infer<typeof MonitorStateMemory>;

export function initialMonitorStateMemory(state: MonitorState = "unknown"): MonitorStateMemory {
  return {
    version: 2,
    state,
    lastKnownState: state === "unknown" ? null : state,
    flapping: false,
    regions: {},
    history: { states: "", lastSlotAt: null },
  };
}

/** Stored JSON → memory. Anything unreadable (or of an older version) starts over rather than failing the worker. */
export function readMonitorStateMemory(json: unknown, fallbackState: MonitorState = "unknown"): MonitorStateMemory {
  const parsed = MonitorStateMemory.safeParse(json);
  return parsed.success ? parsed.data : initialMonitorStateMemory(fallbackState);
}

// ---------------------------------------------------------------------------------------------
// Derived numbers

/** ⌈regions/2⌉ unless set, kept within 1..regions so a misconfiguration can neither make every
 *  blip an outage (0) nor make an outage impossible (more than the regions there are). */
export function quorumOf(settings: Pick<MonitorStateSettings, "quorum" | "regions">): number {
  const regionCount = new Set(settings.regions).size;
  const wanted = settings.quorum ?? Math.ceil(regionCount / 2);
  return Math.min(Math.max(wanted, 1), Math.max(regionCount, 1));
}

/** A region whose latest result finished more than two intervals ago has no say; it is also the
 *  longest gap between two slots that still counts as consecutive (one missed slot). */
export function staleAfterMs(settings: Pick<MonitorStateSettings, "intervalSeconds">): number {
  return 2 * settings.intervalSeconds * 1000;
}

// ---------------------------------------------------------------------------------------------
// Per region

const SEVERITY: Record<CheckState, number> = { up: 0, degraded: 1, down: 2 };

/** Codes that describe a healthy result: never a reason for downtime. */
const NON_FAILURE_CODES: ReadonlySet<string> = new Set(["ok", "cert_expiring_soon"]);

function failureReasonCodes(codes: readonly string[]): string[] {
  return codes.filter((code) => !NON_FAILURE_CODES.has(code));
}

/**
 * The state a result counts as. A certificate that expires soon is a warning, never downtime: a
 * result whose only reasons are such warnings counts as up even if a classifier said otherwise.
 */
export function effectiveCheckState(result: Pick<RegionCheckResult, "state" | "reasonCodes">): CheckState {
  if (result.state === "up") return "up";
  const onlyWarnings = result.reasonCodes.length > 0 && failureReasonCodes(result.reasonCodes).length === 0;
  return onlyWarnings ? "up" : result.state;
}

function emptyRegion(): RegionMemory {
  return {
    confirmed: "unknown",
    lastSlotAt: null,
    lastCheckedAt: null,
    downStreak: 0,
    degradedOrWorseStreak: 0,
    degradedOrBetterStreak: 0,
    upStreak: 0,
    downReasonCodes: [],
    degradedReasonCodes: [],
  };
}

function bump(count: number, when: boolean): number {
  return when ? Math.min(count + 1, STREAK_CAP) : 0;
}

type Thresholds = { failure: number; recovery: number };

function thresholdsOf(settings: MonitorStateSettings): Thresholds {
  // A threshold below 1 would confirm a state without any evidence.
  return { failure: Math.max(1, settings.failureThreshold), recovery: Math.max(1, settings.recoveryThreshold) };
}

/**
 * Hysteresis: worsening needs N results at least that bad, improving needs M results at most that
 * bad. A down streak wins over a degraded one; a region that has not confirmed anything yet
 * (unknown) confirms whichever threshold it reaches first.
 */
function confirmRegionState(current: MonitorState, streaks: RegionMemory, { failure, recovery }: Thresholds): MonitorState {
  if (streaks.downStreak >= failure) return "down";
  if (streaks.degradedOrWorseStreak >= failure && (current === "up" || current === "unknown")) return "degraded";
  if (current !== "up" && streaks.upStreak >= recovery) return "up";
  if ((current === "down" || current === "unknown") && streaks.degradedOrBetterStreak >= recovery) return "degraded";
  return current;
}


function applyCheck(region: RegionMemory, result: RegionCheckResult, thresholds: Thresholds): RegionMemory {
  const state = effectiveCheckState(result);
  const severity = SEVERITY[state];
  const streaks: RegionMemory = {
    ...region,
    lastSlotAt: result.slotAt.getTime(),
    lastCheckedAt: Math.max(region.lastCheckedAt ?? 0, result.checkedAt.getTime()),
    downStreak: bump(region.downStreak, severity === 2),
    degradedOrWorseStreak: bump(region.degradedOrWorseStreak, severity >= 1),
    degradedOrBetterStreak: bump(region.degradedOrBetterStreak, severity <= 1),
    upStreak: bump(region.upStreak, severity === 0),
    downReasonCodes: state === "down" ? failureReasonCodes(result.reasonCodes) : region.downReasonCodes,
    degradedReasonCodes: state === "degraded" ? failureReasonCodes(result.reasonCodes) : region.degradedReasonCodes,
  };
  return { ...streaks, confirmed: confirmRegionState(region.confirmed, streaks, thresholds) };
}

/**
 * A result Vigil refused to produce (the SSRF guard blocked the target's address) says nothing
 * about the target either: the monitor turns unknown — no incident, no recovery — until the
 * target changes or the operator allows the address. The admin sees the blocked_address result.
 */
function isRefusedCheck(result: RegionCheckResult): boolean {
  return result.reasonCodes.includes(BLOCKED_ADDRESS);
}

/** A result from a region with a broken canary is evidence of nothing: the region starts over. */
function voidCheck(result: RegionCheckResult): RegionMemory {
  return { ...emptyRegion(), lastSlotAt: result.slotAt.getTime(), lastCheckedAt: result.checkedAt.getTime() };
}

/** Streaks count consecutive checks: after more than one missed slot the region starts over. */
function restartAfterGap(region: RegionMemory, slotAt: Date, staleMs: number): RegionMemory {
  if (region.lastSlotAt === null) return region;
  return slotAt.getTime() - region.lastSlotAt > staleMs ? emptyRegion() : region;
}

// ---------------------------------------------------------------------------------------------
// Across regions

type Verdict = { state: MonitorState; reasonCodes: string[]; regions: RegionVerdict[] };

function regionVerdict(
  region: string,
  memory: RegionMemory | undefined,
  canaryBroken: boolean,
  at: Date,
  staleMs: number,
): RegionVerdict {
  const fresh = memory?.lastCheckedAt != null && at.getTime() - memory.lastCheckedAt <= staleMs;
  const state = memory === undefined || !fresh || canaryBroken ? "unknown" : memory.confirmed;
  return { region, state, fresh, canaryBroken };
}

/**
 * Down or degraded needs `quorum` regions confirming it; silent regions (stale, canary broken, not
 * yet confirmed) never count towards an outage. Up needs more than agreement of the regions that
 * speak: even if every silent region were failing, they could not reach the quorum for degraded.
 * Otherwise the verdict hinges on regions we cannot hear, and the monitor is unknown.
 */
export function combineRegionStates(states: readonly MonitorState[], quorum: number): MonitorState {
  if (states.length === 0) return "unknown";
  const down = states.filter((state) => state === "down").length;
  const degradedOrWorse = states.filter((state) => state === "down" || state === "degraded").length;
  const silent = states.filter((state) => state === "unknown").length;
  if (down >= quorum) return "down";
  if (degradedOrWorse >= quorum) return "degraded";
  if (degradedOrWorse + silent >= quorum) return "unknown";
  return "up";
}

function unique(codes: readonly string[]): string[] {
  return [...new Set(codes)];
}

function reasonCodesBehind(state: MonitorState, verdicts: readonly RegionVerdict[], regions: ReadonlyMap<string, RegionMemory>): string[] {
  if (state !== "down" && state !== "degraded") return [];
  const codes: string[] = [];
  for (const verdict of verdicts) {
    const memory = regions.get(verdict.region);
    if (memory === undefined) continue;
    if (verdict.state === "down") codes.push(...memory.downReasonCodes);
    // A region confirmed degraded through a streak of down and degraded results.
    else if (verdict.state === "degraded" && state === "degraded")
      codes.push(...(memory.degradedReasonCodes.length > 0 ? memory.degradedReasonCodes : memory.downReasonCodes));
  }
  return unique(codes);
}

function verdictAt(
  settings: MonitorStateSettings,
  regions: ReadonlyMap<string, RegionMemory>,
  canaryBroken: Readonly<Record<string, boolean>>,
  at: Date,
): Verdict {
  const staleMs = staleAfterMs(settings);
  const verdicts = unique(settings.regions).map((region) =>
    regionVerdict(region, regions.get(region), canaryBroken[region] === true, at, staleMs),
  );
  const state = combineRegionStates(
    verdicts.map((verdict) => verdict.state),
    quorumOf(settings),
  );
  return { state, reasonCodes: reasonCodesBehind(state, verdicts, regions), regions: verdicts };
}

// ---------------------------------------------------------------------------------------------
// Flapping

/** Changes between consecutive known states; unknown samples (silence, broken canary) are skipped
 *  so our own probe trouble never counts as the target flapping. */
export function countStateChanges(states: readonly MonitorState[]): number {
  let changes = 0;
  let previous: MonitorState | null = null;
  for (const state of states) {
    if (state === "unknown") continue;
    if (previous !== null && state !== previous) changes += 1;
    previous = state;
  }
  return changes;
}

/** Starts at FLAPPING_START_CHANGES, stops at FLAPPING_STOP_CHANGES: the flag itself must not flap. */
function isFlapping(wasFlapping: boolean, history: StateHistory): boolean {
  const changes = countStateChanges([...history.states].map((letter) => LETTER_STATE[letter] ?? "unknown"));
  return wasFlapping ? changes > FLAPPING_STOP_CHANGES : changes >= FLAPPING_START_CHANGES;
}

/** One sample per check slot: a later region's result for the same slot replaces the sample; a
 *  late result for an older slot adds none (the next sample reflects it). */
function recordSample(history: StateHistory, slotAt: Date, state: MonitorState): StateHistory {
  const slot = slotAt.getTime();
  if (history.lastSlotAt !== null && history.lastSlotAt > slot) return history;
  const kept = history.lastSlotAt === slot ? history.states.slice(0, -1) : history.states;
  return { states: (kept + STATE_LETTER[state]).slice(-FLAPPING_WINDOW), lastSlotAt: slot };
}

// ---------------------------------------------------------------------------------------------
// The evaluation

type SlotGroup = { slotAt: Date; results: RegionCheckResult[] };

/** Results of configured regions, grouped by slot, oldest slot first. */
function slotGroups(results: readonly RegionCheckResult[], regions: readonly string[]): SlotGroup[] {
  const configured = new Set(regions);
  const sorted = results
    .filter((result) => configured.has(result.region))
    .toSorted((a, b) => a.slotAt.getTime() - b.slotAt.getTime() || a.region.localeCompare(b.region));
  const groups: SlotGroup[] = [];
  for (const result of sorted) {
    const last = groups.at(-1);
    if (last !== undefined && last.slotAt.getTime() === result.slotAt.getTime()) last.results.push(result);
    else groups.push({ slotAt: result.slotAt, results: [result] });
  }
  return groups;
}

function isNewSlot(region: RegionMemory, slotAt: Date): boolean {
  return region.lastSlotAt === null || slotAt.getTime() > region.lastSlotAt;
}

export function evaluateMonitorState(input: MonitorStateInput): MonitorStateEvaluation {
  const { settings, now } = input;
  const previous = input.memory;
  const canaryBroken = input.canaryBroken ?? {};
  const thresholds = thresholdsOf(settings);
  const staleMs = staleAfterMs(settings);

  // Memory of regions no longer configured is dropped.
  const regions = new Map<string, RegionMemory>();
  for (const region of settings.regions) {
    const memory = Object.hasOwn(previous.regions, region) ? previous.regions[region] : undefined;
    if (memory !== undefined) regions.set(region, memory);
  }

  let history = previous.history;
  for (const group of slotGroups(input.results, settings.regions)) {
    let latestCheckedAt: number | null = null;
    for (const result of group.results) {
      const current = regions.get(result.region) ?? emptyRegion();
      if (!isNewSlot(current, result.slotAt)) continue;
      const next =
        canaryBroken[result.region] === true || isRefusedCheck(result)
          ? voidCheck(result)
          : applyCheck(restartAfterGap(current, result.slotAt, staleMs), result, thresholds);
      regions.set(result.region, next);
      latestCheckedAt = Math.max(latestCheckedAt ?? 0, result.checkedAt.getTime());
    }
    if (latestCheckedAt === null) continue;
    // Judged as of when the slot's results arrived, so a replayed backlog is not all "stale".
    const at = new Date(Math.min(latestCheckedAt, now.getTime()));
    history = recordSample(history, group.slotAt, verdictAt(settings, regions, canaryBroken, at).state);
  }

  const verdict = verdictAt(settings, regions, canaryBroken, now);
  const lastKnownState = verdict.state === "unknown" ? previous.lastKnownState : verdict.state;
  const flapping = isFlapping(previous.flapping, history);
  const memory: MonitorStateMemory = {
    version: 2,
    state: verdict.state,
    lastKnownState,
    flapping,
    regions: Object.fromEntries(regions),
    history,
  };
  return {
    memory,
    state: verdict.state,
    previousState: previous.state,
    changed: verdict.state !== previous.state,
    lastKnownState,
    flapping,
    reasonCodes: verdict.reasonCodes,
    regions: verdict.regions,
  };
}
