// What the probe scheduler reads: which monitors are due where, and what to check for each.
import "server-only";
import { z } from "zod";
import { rememberAtMost } from "../bounded-map";
import { MonitorCheck } from "../checks/schemas";
import { db, sqlPool } from "../db";
import type { ScheduledMonitor } from "./probe-slots";

export async function listScheduledMonitors(): Promise<ScheduledMonitor[]> {
  return db().monitor.findMany({
    where: { enabled: true },
    select: { id: true, intervalSeconds: true, timeoutMs: true, regions: true },
  });
}

/** A monitor's check as parsed from its row (defaults applied), or why its row does not parse. */
export type ParsedCheck = { ok: true; check: MonitorCheck } | { ok: false; problem: string };
export type MonitorToProbe = { id: string; intervalSeconds: number; parsed: ParsedCheck };

type MonitorRow = { id: string; kind: string; target: string; intervalSeconds: number; timeoutMs: number; expectations: string };

/**
 * Parsed checks by monitor, with the row text they were parsed from. A monitor is checked every
 * interval and edited rarely: its expectations' JSON and the schema (targets parsed, defaults
 * applied) once per definition instead of once per check — about 2 % of the all-in-one's busy time
 * at 1,000 monitors (docs/benchmarks.md). An edit changes the text, so the next job parses it anew.
 */
const parsedChecks = new Map<string, { text: string; parsed: ParsedCheck }>();
/** Bounded (oldest first out), so monitors deleted long ago do not stay; about 330 bytes each. */
const MAX_PARSED_CHECKS = 50_000;
/**
 * A larger definition (a big JSON assertion) is parsed for each check and not remembered: kept, it
 * would hold its text and its parsed copy between checks, and the worker's load shedding counts
 * on memory that checks in flight hold, not monitors (drill 8: 2,000 monitors of 30 kB each).
 */
const MAX_REMEMBERED_TEXT = 2_048;

function parseCheck(row: MonitorRow): ParsedCheck {
  const text = `${row.kind}\n${row.target}\n${row.timeoutMs}\n${row.expectations}`;
  const remembered = parsedChecks.get(row.id);
  if (remembered?.text === text) return remembered.parsed;
  const result = MonitorCheck.safeParse({ kind: row.kind, target: row.target, timeoutMs: row.timeoutMs, expectations: JSON.parse(row.expectations) });
  const parsed: ParsedCheck = result.success ? { ok: true, check: result.data } : { ok: false, problem: z.prettifyError(result.error) };
  if (text.length > MAX_REMEMBERED_TEXT) parsedChecks.delete(row.id);
  else rememberAtMost(parsedChecks, row.id, { text, parsed }, MAX_PARSED_CHECKS);
  return parsed;
}

/** The enabled monitors among `ids` (a paused or deleted monitor is simply absent). */
export async function loadMonitorsToProbe(ids: readonly string[]): Promise<Map<string, MonitorToProbe>> {
  // Once per probe job: sent directly, not through Prisma (see sqlPool). The expectations come as
  // their JSON text: parsed only when they changed.
  const { rows } = await sqlPool().query<MonitorRow>(
    `SELECT id, kind::text AS kind, target, "intervalSeconds", "timeoutMs", expectations::text AS expectations
     FROM "Monitor" WHERE id = ANY($1::text[]) AND enabled`,
    [[...new Set(ids)]],
  );
  return new Map(rows.map((row) => [row.id, { id: row.id, intervalSeconds: row.intervalSeconds, parsed: parseCheck(row) }]));
}
