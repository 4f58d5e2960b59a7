// How far back raw check results are kept. RESULT_RETENTION_DAYS says how long; RESULT_STORAGE_MB
// caps what that may cost: at 20,000 monitors checked every minute, 14 days of results are
// 400 million rows, far more disk than a status page should take (docs/storage.md). Uptime and
// response times outlive the results in the rollups, so a shorter raw window loses no history on
// the page, only the per-check detail.

/** What one result costs on disk with its indexes, as measured (docs/storage.md). */
export const RESULT_BYTES_ESTIMATE = 300;
/** Raw results back at least this far: the hourly rollups and the incident detail are built from them. */
export const MIN_RESULT_RETENTION_MS = 24 * 3600 * 1000;

export type ResultRetentionInput = {
  days: number;
  storageMb: number;
  /** Results recorded in the last full hour, from the rollups; null before there is one. */
  resultsPerHour: number | null;
};

/** The age past which raw results are pruned, in milliseconds. */
export function resultRetentionMs({ days, storageMb, resultsPerHour }: ResultRetentionInput): number {
  const configuredMs = days * 24 * 3600 * 1000;
  if (!resultsPerHour || resultsPerHour <= 0) return configuredMs;
  const affordableResults = (storageMb * 1024 * 1024) / RESULT_BYTES_ESTIMATE;
  const affordableMs = (affordableResults / resultsPerHour) * 3600 * 1000;
  return Math.max(MIN_RESULT_RETENTION_MS, Math.min(configuredMs, Math.floor(affordableMs)));
}
