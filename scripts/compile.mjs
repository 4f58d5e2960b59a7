// `npm run compile` (and the first `npm start` after a change): bundles each production entry into
// dist/ as plain JavaScript, so the running processes need no TypeScript loader. Plain JavaScript
// itself, so it runs before anything is compiled. Our code (lib/, jobs/, scripts/, Prisma's
// generated client) is bundled; packages stay in node_modules and load as Node resolves them.
// Entries share chunks (splitting), so the all-in-one process loads one copy of lib/.
//
// Written to a fresh folder and swapped in, so a second start compiling at the same moment never
// sees half a dist/. The stamp file written last is what dist-freshness.mjs compares sources with.
import { existsSync } from "node:fs";
import { rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import * as esbuild from "esbuild";
import { COMPILED_ENTRIES, DIST_DIR, DIST_STAMP } from "../lib/runtime/dist-freshness.mjs";

/**
 * `server-only` throws unless the react-server condition is set; it guards Next's client bundles,
 * which dist/ never feeds. Inlined as empty, the compiled processes run without that condition —
 * which the all-in-one process must, since it also hosts Next's own (non react-server) server.
 */
const serverOnlyIsEmpty = {
  name: "server-only-is-empty",
  setup(build) {
    build.onResolve({ filter: /^server-only$/ }, () => ({ path: "server-only", namespace: "server-only-is-empty" }));
    build.onLoad({ filter: /.*/, namespace: "server-only-is-empty" }, () => ({ contents: "", loader: "js" }));
  },
};

export async function compile(root) {
  const staging = path.join(root, `${DIST_DIR}.${process.pid}.tmp`);
  await rm(staging, { recursive: true, force: true });
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: COMPILED_ENTRIES,
    outdir: staging,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    plugins: [serverOnlyIsEmpty],
    logLevel: "warning",
  });
  await writeFile(path.join(staging, DIST_STAMP), `${new Date().toISOString()}\n`);
  const dist = path.join(root, DIST_DIR);
  const old = `${dist}.${process.pid}.old`;
  await rename(dist, old).catch(() => undefined);
  // Another compile may have swapped its dist/ in between: same sources, same output; keep that one.
  await rename(staging, dist).catch(async (error) => {
    if (!existsSync(dist)) throw error;
    await rm(staging, { recursive: true, force: true });
  });
  await rm(old, { recursive: true, force: true });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = Date.now();
  await compile(process.cwd());
  console.log(`[vigil] compiled ${Object.keys(COMPILED_ENTRIES).length} entries into ${DIST_DIR}/ in ${Date.now() - started} ms`);
}
