// Web entry: the web server (scripts/web-server.ts) in its own process. Run by `npm start` in split
// mode (or alone, given DATABASE_URL and a prior `next build`: `npm run web`); with --dev (`npm run dev`),
// Next in development mode.
import { parseArgs } from "node:util";
import { allowServerOnlyFromSource } from "../lib/runtime/server-only-hook";

allowServerOnlyFromSource(import.meta.url);
// After the hook: the web server imports the route handlers, which import `server-only`.
const [{ addProcessLogFields }, { setAppPoolSize }, { POOL_SIZES }, { logStartFailure, startWebServer }] = await Promise.all([
  import("../lib/log"),
  import("../lib/db"),
  import("../lib/postgres/pool-sizes"),
  import("./web-server"),
]);

addProcessLogFields({ role: "web" });
setAppPoolSize(POOL_SIZES.web.app);

async function main() {
  const { dev } = parseArgs({ options: { dev: { type: "boolean", default: false } } }).values;
  const web = await startWebServer({ dev });
  const stop = (why: string) => void web.stop(why).finally(() => process.exit(0));
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("disconnect", () => stop("launcher exited"));
}

main().catch((error: NodeJS.ErrnoException) => {
  logStartFailure(error);
  process.exit(1);
});
