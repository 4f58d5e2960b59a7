// `node scripts/run-compiled.mjs <entry> [args…]` — how `npm start`, `npm run web|worker|mailer`
// and the CLIs run Vigil in production: compiles dist/ first when it is missing or older than its
// sources (scripts/compile.mjs, in a child process so this one never loads the compiler), then
// runs the compiled entry in this process. Node flags (a heap cap) go before the script name.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { COMPILED_ENTRIES, DIST_DIR, distIsCurrent } from "../lib/runtime/dist-freshness.mjs";

const entry = process.argv[2] ?? "";
if (!Object.hasOwn(COMPILED_ENTRIES, entry)) {
  console.error(`usage: node scripts/run-compiled.mjs <${Object.keys(COMPILED_ENTRIES).join("|")}> [args…]`);
  process.exit(64);
}
const root = process.cwd();
if (!(await distIsCurrent(root))) {
  // The compile's report goes to stderr: stdout is the entry's own output (`probe --json` prints
  // one JSON document there), which a first run after a change must not corrupt.
  const compiled = spawnSync(process.execPath, [path.join(root, "scripts", "compile.mjs")], { cwd: root, stdio: ["ignore", 2, "inherit"] });
  if (compiled.status !== 0) {
    console.error(`[vigil] cannot start: compiling ${DIST_DIR}/ failed (exit ${compiled.status ?? compiled.signal})`);
    process.exit(1);
  }
}
// The entry parses its own arguments from process.argv.slice(2), as when run directly.
process.argv.splice(2, 1);
await import(pathToFileURL(path.join(root, DIST_DIR, `${entry}.js`)).href);
