// `server-only` throws unless the react-server condition is set. The compiled entries inline it as
// empty (scripts/compile.mjs); a web process run from source through tsx (tests, benchmarks,
// `npm run dev`) cannot set the condition, because Next — loaded in the same process — must not
// resolve React's react-server builds. There this module hook resolves `server-only` to an empty
// module, as Next itself does on the server, so the custom server can run the route handlers.
import { register } from "node:module";

const HOOK = `export function resolve(specifier, context, next) {
  return specifier === "server-only" ? { url: "data:text/javascript,", shortCircuit: true } : next(specifier, context);
}`;

/** Registers the hook when `entryUrl` (the entry's import.meta.url) is a source file; compiled entries need none. */
export function allowServerOnlyFromSource(entryUrl: string): void {
  if (entryUrl.endsWith(".ts")) register(`data:text/javascript,${encodeURIComponent(HOOK)}`);
}
