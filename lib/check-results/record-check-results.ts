// Writes check results in batches: one statement per batch, however large. A slot already recorded
// (the unique (monitor, region, slot) key) is skipped, so a retried batch never records twice.
import "server-only";
import type { CheckResult } from "../checks/schemas";
import { db } from "../db";

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
  const rows = checks.map(({ result, ...check }) => ({
    ...check,
    state: result.state,
    reasons: result.reasons,
    warnings: result.warnings,
    latencyMs: result.latencyMs,
    statusCode: result.statusCode,
    timings: result.timings,
    certificate: result.certificate,
    certSerial: result.certificate?.serial ?? null,
    certExpiresAt: result.certificate?.validTo ?? null,
    // Only failures need it (it correlates them); up results stay a few bytes smaller.
    address: result.state === "up" ? null : (result.address ?? null),
  }));
  const [{ inserted }] = await db().$queryRaw<[{ inserted: number }]>`
    WITH input AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(
        "monitorId" text, region text, "workerId" text, "slotAt" timestamptz, "checkedAt" timestamptz,
        state text, reasons jsonb, warnings jsonb, "latencyMs" int, "statusCode" int, timings jsonb,
        certificate jsonb, "certSerial" text, "certExpiresAt" timestamptz, address text)
    ), inserted AS (
      INSERT INTO "CheckResult" ("monitorId", region, "workerId", "slotAt", "checkedAt", state, "reasonCodes",
        reasons, warnings, "latencyMs", "statusCode", timings, certificate, "certSerial", "certExpiresAt", address)
      SELECT i."monitorId", i.region, i."workerId", i."slotAt", i."checkedAt", i.state::"CheckState",
        ARRAY(SELECT jsonb_array_elements(i.reasons) ->> 'code'), i.reasons, i.warnings, i."latencyMs",
        i."statusCode", i.timings, i.certificate, i."certSerial", i."certExpiresAt", i.address
      FROM input i
      WHERE EXISTS (SELECT 1 FROM "Monitor" m WHERE m.id = i."monitorId")
      ON CONFLICT ("monitorId", region, "slotAt") DO NOTHING
      RETURNING 1
    )
    SELECT count(*)::int AS inserted FROM inserted`;
  return inserted;
}
