// Preloaded (`node --import`) into `npm start`'s launcher by scripts/start.int.test.ts: appends to
// the file at VIGIL_TEST_MODULES_LOG every module the launcher loads and, at exit, a line when
// Node's HTTP client library (undici) was loaded. Its children do not inherit it. Needs
// module.registerHooks (Node 22.15 and later); elsewhere it writes nothing.
import { appendFileSync } from "node:fs";
import module from "node:module";

const log = process.env.VIGIL_TEST_MODULES_LOG;
if (log && module.registerHooks) {
  module.registerHooks({
    resolve(specifier, context, nextResolve) {
      const resolved = nextResolve(specifier, context);
      appendFileSync(log, `${resolved.url}\n`);
      return resolved;
    },
  });
  process.on("exit", () => {
    if (process.moduleLoadList.some((name) => name.includes("undici"))) appendFileSync(log, "node:internal/deps/undici\n");
  });
}
