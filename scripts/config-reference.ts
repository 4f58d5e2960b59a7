// Writes the environment-variable reference into docs/configuration.md (between the env markers)
// from lib/env.ts:   npm run -s docs:config
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { renderEnvReference, withEnvReference } from "./env-reference";

const file = path.join(import.meta.dirname, "..", "docs", "configuration.md");
const before = await readFile(file, "utf8");
const after = withEnvReference(before, renderEnvReference());
if (after === before) {
  console.log("docs/configuration.md: the environment reference is current");
} else {
  await writeFile(file, after);
  console.log("docs/configuration.md: environment reference rewritten from lib/env.ts");
}
