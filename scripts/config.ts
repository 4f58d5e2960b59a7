// Config as code from the command line (plain text for a human at a terminal):
//   npm run -s config -- validate [file]   check the file (default VIGIL_CONFIG); no database needed
//   npm run -s config -- apply [file]      apply it to the database now (npm start also applies it)
//   npm run -s config -- export [file]     write the database's page, groups, components and
//                                          monitors as a config file (default: standard output)
import { writeFile } from "node:fs/promises";
import { z } from "zod";
import { applyConfig, CONFIG_FILE_ACTOR } from "../lib/config/apply-config";
import { describeSummary, loadConfigFile } from "../lib/config/config-file";
import { exportConfig, formatConfig } from "../lib/config/export-config";
import { ConfigFileError } from "../lib/config/parse-config";
import { env, EnvError, publicHostname } from "../lib/env";
import { StartupError } from "../lib/errors";
import { withCliDatabase } from "../lib/runtime/cli-database";

const USAGE = "usage: npm run -s config -- validate|apply|export [file]";

const Command = z.tuple([z.enum(["validate", "apply", "export"], { error: "the command must be validate, apply or export" }), z.string().min(1).optional()]);

function usageError(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(64);
}

async function loadOrFail(file: string) {
  const loaded = await loadConfigFile(file);
  if (!loaded) throw new StartupError(`no config file at ${file} (set VIGIL_CONFIG or pass a path)`);
  return loaded;
}

async function main() {
  const parsed = Command.safeParse(process.argv.slice(2));
  if (!parsed.success) usageError(process.argv.length > 4 ? `unexpected argument ${process.argv[4]}` : parsed.error.issues[0]!.message);
  const [command, given] = parsed.data;

  if (command === "validate") {
    const { file, config } = await loadOrFail(given ?? env().VIGIL_CONFIG);
    const components = config.components.length + config.groups.reduce((sum, group) => sum + group.components.length, 0);
    const monitors =
      config.monitors.length +
      [...config.components, ...config.groups.flatMap((group) => group.components)].reduce((sum, component) => sum + component.monitors.length, 0);
    console.log(`${file} is valid: ${config.groups.length} groups, ${components} components, ${monitors} monitors${config.page ? ", page settings" : ""}`);
  } else if (command === "apply") {
    const loaded = await loadOrFail(given ?? env().VIGIL_CONFIG);
    const summary = await withCliDatabase(() => applyConfig({ ctx: { actor: CONFIG_FILE_ACTOR, now: new Date(), messageIdDomain: publicHostname() }, input: { config: loaded.config, source: loaded.file, sha256: loaded.sha256 } }));
    console.log(`applied ${loaded.file}: ${describeSummary(summary)}`);
  } else {
    const text = await withCliDatabase(async () => formatConfig(await exportConfig(), new Date()));
    if (given) {
      await writeFile(given, text);
      console.error(`wrote ${given}`);
    } else {
      process.stdout.write(text);
    }
  }
}

main().catch((error: unknown) => {
  const known = [ConfigFileError, EnvError, StartupError].some((type) => error instanceof type);
  console.error(known ? (error as Error).message : `failed: ${String(error)}`);
  process.exit(1);
});
