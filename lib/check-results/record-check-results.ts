// Writes check results in batches: one statement per batch, however large, sent directly (no
// Prisma: see sqlPool). A slot already recorded
// (the unique (monitor, region, slot) key) is skipped, so a retried batch never records twice.
import "server-only";
import type { CheckResult } from "../checks/schemas";
import { db, sqlPool } from "../db";

export type RecordedCheck = {
  monitorId: string;
  region: string;
  workerId: string;
  slotAt: Date;
  checkedAt: Date;
  result: CheckResult;
};

/** Returns how many results were new. Results of monitors deleted meanwhile are dropped. */
export async function recordCheckResults(checks: readonly RecordedCheck[]): Promise<number> {
  if (checks.length === 0) return 0;
  const rows = checks.map(({ result, ...check }) => {
    // An up result is its codes and numbers; the detail is kept for the results someone reads
    // it for (failures, slowness, certificate trouble). docs/storage.md has the arithmetic.
    const detailed = result.state !== "up";
    return {
      ...check,
      state: result.state,
      reasonCodes: result.reasons.map((reason) => reason.code),
      reasons: detailed ? result.reasons : null,
      warnings: result.warnings.length > 0 ? result.warnings : null,
      latencyMs: result.latencyMs,
      statusCode: result.statusCode,
      timings: detailed ? result.timings : null,
      certificate: detailed ? result.certificate : null,
      certSerial: detailed ? (result.certificate?.serial ?? null) : null,
      certExpiresAt: result.certificate?.validTo ?? null,
      address: detailed ? (result.address ?? null) : null,
    };
  });
  const { rows: [counted] } = await sqlPool().query<{ inserted: number }>(
    `
    WITH input AS (
      SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(
        "monitorId" text, region text, "workerId" text, "slotAt" timestamptz, "checkedAt" timestamptz,
        state text, "reasonCodes" text[], reasons jsonb, warnings jsonb, "latencyMs" int, "statusCode" int, timings jsonb,
        certificate jsonb, "certSerial" text, "certExpiresAt" timestamptz, address text)
    ), inserted AS (
      INSERT INTO "CheckResult" ("monitorId", region, "workerId", "slotAt", "checkedAt", state, "reasonCodes",
        reasons, warnings, "latencyMs", "statusCode", timings, certificate, "certSerial", "certExpiresAt", address)
      SELECT i."monitorId", i.region, i."workerId", i."slotAt", i."checkedAt", i.state::"CheckState",
        i."reasonCodes", i.reasons, i.warnings, i."latencyMs", i."statusCode", i.timings, i.certificate,
        i."certSerial", i."certExpiresAt", i.address
      FROM input i
      WHERE EXISTS (SELECT 1 FROM "Monitor" m WHERE m.id = i."monitorId")
      ON CONFLICT ("monitorId", region, "slotAt") DO NOTHING
      RETURNING 1
    )
    SELECT count(*)::int AS inserted FROM inserted`,
    [JSON.stringify(rows)],
  );
  return counted!.inserted;
}

/**
 * Which of these slots of one region already have a result, as `${monitorId} ${slotAt ms}` keys:
 * a probe job run again after its worker died skips what that worker had stored.
 */
export async function listRecordedSlots(region: string, slots: readonly { monitorId: string; slotAt: Date }[]): Promise<Set<string>> {
  if (slots.length === 0) return new Set();
  const rows = await db().$queryRaw<{ monitorId: string; slotAt: Date }[]>`
    SELECT r."monitorId", r."slotAt" FROM "CheckResult" r
    JOIN unnest(${slots.map((slot) => slot.monitorId)}::text[], ${slots.map((slot) => slot.slotAt)}::timestamptz[]) AS s(id, at)
      ON r."monitorId" = s.id AND r."slotAt" = s.at
    WHERE r.region = ${region}`;
  return new Set(rows.map((row) => slotKey(row.monitorId, row.slotAt)));
}

export function slotKey(monitorId: string, slotAt: Date): string {
  return `${monitorId} ${slotAt.getTime()}`;
}
