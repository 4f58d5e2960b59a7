// Reading vigil.config.yaml from disk: absent means "nothing managed by a file" (null), present
// means parsed and validated or a ConfigFileError naming file, line and field.
import "server-only";
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { ActionContext, SystemActor } from "../action-context";
import { applyConfig, type ConfigApplySummary } from "./apply-config";
import { parseConfigText } from "./parse-config";
import type { VigilConfig } from "./schemas";

export type LoadedConfig = { file: string; config: VigilConfig; sha256: string };

export async function loadConfigFile(file: string): Promise<LoadedConfig | null> {
  let source: string;
  try {
    source = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  // Errors name the file as the user knows it: relative inside the project, absolute elsewhere.
  const relative = path.relative(process.cwd(), path.resolve(file));
  const shown = relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : path.resolve(file);
  return { file: shown, config: parseConfigText(source, shown), sha256: createHash("sha256").update(source).digest("hex") };
}

/** Applies the file when it exists; null when there is none (then nothing is changed). */
export async function applyConfigFile(file: string, ctx: ActionContext<SystemActor>): Promise<(ConfigApplySummary & { file: string }) | null> {
  const loaded = await loadConfigFile(file);
  if (!loaded) return null;
  return { file: loaded.file, ...(await applyConfig({ ctx, input: { config: loaded.config, source: loaded.file, sha256: loaded.sha256 } })) };
}

/** "groups 1 created; components 2 created, 1 updated; monitors 3 unchanged; page updated". */
export function describeSummary(summary: ConfigApplySummary): string {
  const part = (name: string, counts: ConfigApplySummary["groups"]) => {
    const said = (["created", "updated", "removed", "unchanged"] as const).filter((key) => counts[key] > 0).map((key) => `${counts[key]} ${key}`);
    return `${name} ${said.length > 0 ? said.join(", ") : "none"}`;
  };
  const alerts = summary.alerts === "not in file" ? [] : [part("alert channels", summary.alerts.channels), `alert rules ${summary.alerts.rules}`];
  const auth = summary.auth ? [`sign-in rules ${summary.auth}`] : [];
  return [part("groups", summary.groups), part("components", summary.components), part("monitors", summary.monitors), `page ${summary.page}`, ...alerts, ...auth].join("; ");
}
