// What `npm start`'s launcher hears from its children over IPC: the start steps' answers
// (scripts/start-steps.ts), the set-up step's report (scripts/prepare.ts) and the web process's
// request for the restart counts. Checked by hand, not with zod: the launcher stays up as long as
// Vigil runs and loads no library, to stay small — zod alone would be 5 MB of its memory
// (docs/benchmarks.md). A message that is not well-formed is ignored.
import type { ProcessModeSetting } from "./process-mode";

/** What the launcher needs of the environment, parsed by the environment step (the children parse it again themselves). */
export type LauncherConfig = {
  /** Set: an external database; unset: the embedded one under dataDir. */
  databaseUrl?: string;
  dataDir: string;
  embeddedPort: number;
  processMode: ProcessModeSetting;
  publicUrl: string;
};

/** scripts/start-steps.ts → launcher: a step done (with the environment, for that step), or why it failed. */
export type StartStepReply = { type: "vigil:start-step"; ok: true; config?: LauncherConfig } | { type: "vigil:start-step"; ok: false; message: string };

/** The message when it is a well-formed StartStepReply, else null. */
export function parseStartStepReply(message: unknown): StartStepReply | null {
  if (!isRecord(message) || message.type !== "vigil:start-step") return null;
  if (message.ok === false) return hasExactly(message, ["type", "ok", "message"]) && typeof message.message === "string" ? { type: "vigil:start-step", ok: false, message: message.message } : null;
  if (message.ok !== true) return null;
  if (hasExactly(message, ["type", "ok"])) return { type: "vigil:start-step", ok: true };
  if (!hasExactly(message, ["type", "ok", "config"]) || !isRecord(message.config)) return null;
  const config = parseLauncherConfig(message.config);
  return config ? { type: "vigil:start-step", ok: true, config } : null;
}

function parseLauncherConfig(value: Record<string, unknown>): LauncherConfig | null {
  const { databaseUrl, dataDir, embeddedPort, processMode, publicUrl } = value;
  const keys = ["dataDir", "embeddedPort", "processMode", "publicUrl"];
  if (!hasExactly(value, databaseUrl === undefined ? keys : [...keys, "databaseUrl"])) return null;
  if (databaseUrl !== undefined && typeof databaseUrl !== "string") return null;
  if (typeof dataDir !== "string" || typeof publicUrl !== "string") return null;
  if (typeof embeddedPort !== "number" || !Number.isInteger(embeddedPort) || embeddedPort < 1 || embeddedPort > 65_535) return null;
  if (processMode !== "auto" && processMode !== "single" && processMode !== "split") return null;
  return { ...(databaseUrl === undefined ? {} : { databaseUrl }), dataDir, embeddedPort, processMode, publicUrl };
}

/** Web (or all-in-one) → launcher, once listening: send me the counts (a new process starts from zero). */
export type RestartCountsRequest = { type: "vigil:restart-counts?" };

export function isRestartCountsRequest(message: unknown): message is RestartCountsRequest {
  return isRecord(message) && hasExactly(message, ["type"]) && message.type === "vigil:restart-counts?";
}

/** scripts/prepare.ts → launcher, once the database is migrated and seeded. */
export type PreparedMessage = {
  type: "vigil:prepared";
  /** A one-time owner set-up token when there is no admin yet. */
  setupToken: string | null;
  enabledMonitors: number;
};

/** The message when it is a well-formed PreparedMessage, else null. */
export function parsePreparedMessage(message: unknown): PreparedMessage | null {
  if (!isRecord(message) || !hasExactly(message, ["type", "setupToken", "enabledMonitors"]) || message.type !== "vigil:prepared") return null;
  const { setupToken, enabledMonitors } = message;
  if (setupToken !== null && typeof setupToken !== "string") return null;
  if (typeof enabledMonitors !== "number" || !Number.isSafeInteger(enabledMonitors) || enabledMonitors < 0) return null;
  return { type: "vigil:prepared", setupToken, enabledMonitors };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** True when `value` has these own keys and no other. */
function hasExactly(value: Record<string, unknown>, keys: string[]): boolean {
  const own = Object.keys(value);
  return own.length === keys.length && keys.every((key) => Object.hasOwn(value, key));
}
